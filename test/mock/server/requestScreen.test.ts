// The standalone server's edge (issue 7, items 1 and 13), over real sockets: a Host it does not
// answer to, a web page calling the controls, a declared body over 1 MB. In-process is unaffected.
import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../../mock/createSandbox.js";
import {
  createSandboxServer,
  type SandboxServer,
} from "../../../mock/server/createSandboxServer.js";
import { parseSandboxArgs, UsageError } from "../../../mock/server/parseSandboxArgs.js";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch will not send a Host header of the caller's choosing. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the standalone server's edge", () => {
  let sandbox: SandboxServer;
  let url = "";
  let port = "";

  beforeAll(async () => {
    sandbox = createSandboxServer({ allowedHosts: ["sandbox.test", ".tunnel.example"] });
    url = await sandbox.listen(0, "127.0.0.1");
    port = new URL(url).port;
  });
  afterAll(() => sandbox.close());

  it("refuses a request whose Host is not an allowed name with 403 host_not_allowed", async () => {
    const reply = await send(`${url}/v1/agents`, "GET", { host: `evil.example:${port}` });
    expect(reply.status).toBe(403);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
    expect(reply.headers["x-request-id"]).toMatch(/^req_[0-9A-Za-z]{16}$/);
    const problem = JSON.parse(reply.body);
    expect(problem.code).toBe("host_not_allowed");
    expect(problem.detail).toContain("--allowed-host evil.example");
    const preflight = await send(`${url}/v1/agents`, "OPTIONS", {
      host: "evil.example",
      origin: "http://evil.example",
      "access-control-request-method": "GET",
    });
    expect(preflight.status).toBe(403);
  });

  it("answers loopback names, IP addresses and --allowed-host names", async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      "sandbox.test",
      "a.tunnel.example",
    ]) {
      const reply = await send(`${url}/v1/agents`, "GET", { host });
      expect(reply.status, host).toBe(401);
    }
  });

  it("refuses a simple cross-origin POST that would reset the sandbox, and keeps every key", async () => {
    const created = await send(
      `${url}/_sandbox/workspaces`,
      "POST",
      { "content-type": "application/json" },
      "{}",
    );
    expect(created.status).toBe(201);
    const key: string = JSON.parse(created.body).owner.user_key.secret;
    // What a page's <form> or fetch(no-cors) sends: text/plain, no preflight.
    const attack = await send(
      `${url}/_sandbox/reset`,
      "POST",
      {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "content-type": "text/plain",
      },
      "{}",
    );
    expect(attack.status).toBe(403);
    expect(JSON.parse(attack.body).code).toBe("cross_origin_refused");
    const textPlain = await send(
      `${url}/_sandbox/reset`,
      "POST",
      { "content-type": "text/plain" },
      "{}",
    );
    expect(textPlain.status).toBe(415);
    const still = await send(`${url}/v1/agents`, "GET", { authorization: `Bearer ${key}` });
    expect(still.status).toBe(200);
  });

  it("answers a declared Content-Length over 1 MB with 413 at once, before the body arrives", async () => {
    const socket = connect(Number(port), "127.0.0.1");
    const answer = new Promise<string>((resolve, reject) => {
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("\r\n\r\n")) resolve(text);
      });
      socket.on("error", reject);
      setTimeout(
        () => reject(new Error("no answer within 2 s: the server waited for the body")),
        2_000,
      );
    });
    // Headers only: the 10 MB body is never sent, so only an answer from the headers can come.
    socket.write(
      `POST /v1/agents HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n`,
    );
    try {
      const head = await answer;
      expect(head).toMatch(/^HTTP\/1\.1 413 /);
      expect(head.toLowerCase()).toContain("connection: close");
    } finally {
      socket.destroy();
    }
  });

  it("leaves the in-process sandbox's controls to any caller (no Host to guard)", async () => {
    const inProcess = createSandbox();
    const reply = await inProcess.fetch("http://evil.example/_sandbox/reset", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(reply.status).toBe(200);
  });
});

describe("--allowed-host", () => {
  it("passes each name to the server, repeatable", () => {
    const args = parseSandboxArgs([
      "--allowed-host",
      "sandbox.test",
      "--allowed-host",
      ".tunnel.example",
    ]);
    expect(args.options.allowedHosts).toEqual(["sandbox.test", ".tunnel.example"]);
  });

  it("refuses something that is not a host name", () => {
    expect(() => parseSandboxArgs(["--allowed-host", "http://x.test/"])).toThrow(UsageError);
  });
});
