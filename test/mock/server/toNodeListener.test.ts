// The node:http adapter with a tiny fake engine: what goes in, what comes out, streams, aborts,
// dropped connections and failing writes.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineAnswer } from "../../../mock/engine/EngineAnswer.js";
import { type AnswerHandler, toNodeListener } from "../../../mock/server/toNodeListener.js";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: AnswerHandler, extra?: string[]): Promise<string> {
  server = createServer(toNodeListener(handler, { extraHeaders: () => extra }));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (body: string): EngineAnswer => ({ status: 200, headers: {}, body });

/** A request with headers as given (an array value sends one line each); status and body. */
function rawRequest(
  url: string,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/raw`, { headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("toNodeListener", () => {
  it("passes method, path, query, headers and body bytes to the engine without building a URL", async () => {
    let seen: unknown;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        path: request.path,
        query: request.query,
        key: request.headers.get("x-api-key"),
        body: new TextDecoder().decode(request.body ?? new Uint8Array()),
        address: request.remoteAddress,
      };
      return { status: 204, headers: {}, body: null };
    });
    const reply = await fetch(`${url}/v1/agents?limit=2`, {
      method: "POST",
      headers: { "X-API-Key": "k-123", "content-type": "application/json" },
      body: '{"name":"é"}',
    });
    expect(reply.status).toBe(204);
    expect(seen).toEqual({
      method: "POST",
      path: "/v1/agents",
      query: "limit=2",
      key: "k-123",
      body: '{"name":"é"}',
      address: "127.0.0.1",
    });
  });

  it("joins a repeated header as Web Headers does, so a second Authorization is not lost", async () => {
    const url = await serve(async (request) => text(String(request.headers.get("authorization"))));
    const reply = await rawRequest(url, { authorization: ["Bearer a", "Bearer b"] });
    expect(reply.body).toBe("Bearer a, Bearer b");
  });

  it("sends status, headers and a finite body with a Content-Length, not chunked", async () => {
    const url = await serve(
      async () => ({
        status: 201,
        headers: { "content-type": "application/json", "x-request-id": "req_1" },
        body: '{"ok":true}',
      }),
      ["access-control-allow-origin", "*"],
    );
    const reply = await fetch(`${url}/x`);
    expect(reply.status).toBe(201);
    expect(reply.headers.get("x-request-id")).toBe("req_1");
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    expect(reply.headers.get("content-length")).toBe("11");
    expect(reply.headers.get("transfer-encoding")).toBeNull();
    expect(await reply.json()).toEqual({ ok: true });
  });

  it("answers HEAD with the headers and length of the body, but no body", async () => {
    const url = await serve(async () => text("twelve bytes"));
    const reply = await fetch(`${url}/x`, { method: "HEAD" });
    expect(reply.headers.get("content-length")).toBe("12");
    expect(await reply.text()).toBe("");
  });

  it("hands the engine at most 1 MB + 1 byte of an oversized body", async () => {
    let size = -1;
    const url = await serve(async (request) => {
      size = request.body?.byteLength ?? 0;
      return { status: 413, headers: {}, body: null };
    });
    const reply = await fetch(`${url}/upload`, {
      method: "POST",
      body: new Uint8Array(3 * 1024 * 1024),
    });
    expect(reply.status).toBe(413);
    expect(size).toBe(1024 * 1024 + 1);
  });

  it("delivers each server-sent event as it is produced, before the stream ends", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("id: 1\ndata: first\n\n"));
          await gate;
          controller.enqueue(new TextEncoder().encode("id: 2\ndata: second\n\n"));
          controller.close();
        },
      });
      return { status: 200, headers: { "content-type": "text/event-stream" }, body };
    });
    const reply = await fetch(`${url}/stream`);
    expect(reply.headers.get("content-type")).toBe("text/event-stream");
    const reader = (reply.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("id: 1\ndata: first\n\n");
    release();
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe("id: 2\ndata: second\n\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("aborts the request's signal and cancels the stream when the client disconnects", async () => {
    let aborted = false;
    let cancelled = false;
    const url = await serve(async (request) => {
      request.signal?.addEventListener("abort", () => {
        aborted = true;
      });
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: hello\n\n"));
        },
        cancel() {
          cancelled = true;
        },
      });
      return { status: 200, headers: { "content-type": "text/event-stream" }, body };
    });
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${url}/stream`, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", reject);
      req.end();
    });
    for (let i = 0; i < 50 && !(aborted && cancelled); i++) await wait(10);
    expect(aborted).toBe(true);
    expect(cancelled).toBe(true);
  });

  it("destroys the connection for an answer that says drop, and answers the next request", async () => {
    let count = 0;
    const url = await serve(async () =>
      ++count === 1 ? { status: 200, headers: {}, body: null, drop: true } : text("after"),
    );
    await expect(fetch(`${url}/x`)).rejects.toThrow();
    expect(await (await fetch(`${url}/x`)).text()).toBe("after");
  });

  it("answers 500 with a generic problem, no stack, when the engine throws", async () => {
    const url = await serve(() => {
      throw new Error("secret internals lk_usr_test_x");
    });
    const reply = await fetch(`${url}/boom`);
    expect(reply.status).toBe(500);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    const body = await reply.text();
    expect(JSON.parse(body).code).toBe("internal_error");
    expect(body).not.toContain("secret internals");
  });

  it("survives a write that throws: that request gets a 500, the next one its answer", async () => {
    const errors: unknown[] = [];
    let count = 0;
    server = createServer(
      toNodeListener(
        async () =>
          // A header value with a newline: node's writeHead throws on it.
          ++count === 1 ? { status: 200, headers: { "x-bad": "a\nb" }, body: "x" } : text("next"),
        { onError: (error) => errors.push(error) },
      ),
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const failed = await fetch(`${url}/x`);
    expect(failed.status).toBe(500);
    await failed.text();
    expect(errors).toHaveLength(1);
    expect(await (await fetch(`${url}/x`)).text()).toBe("next");
  });

  it("writes answers ready together one by one: a failing write does not stop the rest", async () => {
    const errors: unknown[] = [];
    let release: () => void = () => {};
    const both = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = 0;
    server = createServer(
      toNodeListener(
        async (request) => {
          if (++arrived === 2) release();
          // Both answers resolve in the same turn, so they are written in one batch.
          await both;
          return request.path === "/bad"
            ? { status: 200, headers: { "x-bad": "a\nb" }, body: "x" }
            : text("good");
        },
        { onError: (error) => errors.push(error) },
      ),
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [bad, good] = await Promise.all([fetch(`${url}/bad`), fetch(`${url}/good`)]);
    expect(bad.status).toBe(500);
    expect(await good.text()).toBe("good");
    expect(errors).toHaveLength(1);
  });

  it("keeps a connection usable for the next request (keep-alive)", async () => {
    let count = 0;
    const url = await serve(async () => text(String(++count)));
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push(await (await fetch(`${url}/n`)).text());
    expect(texts).toEqual(["1", "2", "3"]);
  });
});
