// The node:http adapter with a tiny fake engine: what goes in, what comes out, streams, aborts.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type FetchHandler, toNodeListener } from "../../../mock/server/toNodeListener.js";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: FetchHandler, extra?: string[]): Promise<string> {
  server = createServer(toNodeListener(handler, { extraHeaders: () => extra }));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("toNodeListener", () => {
  it("passes method, URL, headers and body to the handler unchanged", async () => {
    let seen: { method: string; url: string; auth: string | null; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        auth: request.headers.get("x-api-key"),
        body: await request.text(),
      };
      return new Response(null, { status: 204 });
    });
    const reply = await fetch(`${url}/v1/agents?limit=2`, {
      method: "POST",
      headers: { "X-API-Key": "k-123", "content-type": "application/json" },
      body: '{"name":"é"}',
    });
    expect(reply.status).toBe(204);
    expect(seen).toEqual({
      method: "POST",
      url: `${url}/v1/agents?limit=2`,
      auth: "k-123",
      body: '{"name":"é"}',
    });
  });

  it("sends status, headers and a finite body with a Content-Length, not chunked", async () => {
    const url = await serve(
      () => Response.json({ ok: true }, { status: 201, headers: { "x-request-id": "req_1" } }),
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

  it("hands the handler at most 1 MB + 1 byte of an oversized body", async () => {
    let size = -1;
    const url = await serve(async (request) => {
      size = (await request.arrayBuffer()).byteLength;
      return new Response(null, { status: 413 });
    });
    const reply = await fetch(`${url}/upload`, {
      method: "POST",
      body: new Uint8Array(3 * 1024 * 1024),
    });
    expect(reply.status).toBe(413);
    expect(size).toBe(1024 * 1024 + 1);
  });

  it("sends each Set-Cookie header on its own line", async () => {
    const url = await serve(() => {
      const headers = new Headers();
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response("x", { headers });
    });
    const reply = await fetch(`${url}/`);
    expect(reply.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("delivers each server-sent event as it is produced, before the stream ends", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(() => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("id: 1\ndata: first\n\n"));
          await gate;
          controller.enqueue(new TextEncoder().encode("id: 2\ndata: second\n\n"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
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
    const url = await serve((request) => {
      request.signal.addEventListener("abort", () => {
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
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
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

  it("answers 500 with a generic problem, no stack, when the handler throws", async () => {
    const url = await serve(() => {
      throw new Error("secret internals lk_usr_test_x");
    });
    const reply = await fetch(`${url}/boom`);
    expect(reply.status).toBe(500);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    const text = await reply.text();
    expect(JSON.parse(text).code).toBe("internal_error");
    expect(text).not.toContain("secret internals");
  });

  it("answers 400 without calling the handler when the Host header cannot be part of a URL", async () => {
    let called = false;
    const url = await serve(() => {
      called = true;
      return new Response("x");
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/x`, { headers: { host: "bad host" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(called).toBe(false);
  });

  it("keeps a connection usable for the next request (keep-alive)", async () => {
    let count = 0;
    const url = await serve(() => new Response(String(++count)));
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push(await (await fetch(`${url}/n`)).text());
    expect(texts).toEqual(["1", "2", "3"]);
  });
});
