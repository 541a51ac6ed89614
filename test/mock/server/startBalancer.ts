// A load balancer for the replica tests: one address on 127.0.0.1 that forwards each request to
// a random replica, Host and all, as a balancer in front of `--store` replicas would. Links the
// sandbox mints name the balancer, not the replica that happened to answer.
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export async function startBalancer(replicaUrls: readonly string[]): Promise<Balancer> {
  const targets = replicaUrls.map((url) => new URL(url));
  const server: Server = createServer((req, res) => {
    // The whole upload first, as buffering balancers do: a replica that answers early (413 before
    // the body) then cannot race a client that is still sending.
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = targets[Math.floor(Math.random() * targets.length)] as URL;
      const upstream = forward(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      // A replica that answered early closes the upload: the answer still goes.
      upstream.on("error", () => {
        if (!res.headersSent) res.destroy();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
