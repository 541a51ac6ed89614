// The light Request and Response of the node server behave as the real ones wherever looked at.
import { describe, expect, it } from "vitest";
import { LightResponse } from "../../../mock/server/installLightResponse.js";
import { NodeRequest } from "../../../mock/server/toWebRequest.js";

const asResponse = (value: LightResponse) => value as unknown as Response;
const asRequest = (value: NodeRequest) => value as unknown as Request;

describe("LightResponse", () => {
  it("is a Response to instanceof, and so is a real one", () => {
    const light = new LightResponse("x");
    expect(light instanceof Response).toBe(true);
    expect(new Response("x") instanceof LightResponse).toBe(true);
    expect(Object.prototype.toString.call(light)).toBe("[object Response]");
  });

  it("answers status, headers and body like the real thing, building it only when read", async () => {
    const light = asResponse(
      new LightResponse('{"a":1}', {
        status: 201,
        headers: { "content-type": "application/json" },
      }),
    );
    light.headers.set("x-request-id", "req_1");
    expect(light.status).toBe(201);
    expect(light.ok).toBe(true);
    expect((light as unknown as LightResponse).bodySource).toBe('{"a":1}');
    expect(await light.clone().json()).toEqual({ a: 1 });
    expect(light.headers.get("x-request-id")).toBe("req_1");
    expect((light as unknown as LightResponse).bodySource).toBeUndefined();
    expect(await light.text()).toBe('{"a":1}');
    expect(light.bodyUsed).toBe(true);
    await expect(light.text()).rejects.toThrow(TypeError);
  });

  it("streams a ReadableStream body through `body`", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
        controller.close();
      },
    });
    const light = asResponse(new LightResponse(stream));
    expect((light as unknown as LightResponse).bodySource).toBeUndefined();
    expect(await new Response(light.body).text()).toBe("data: 1\n\n");
  });

  it("refuses what the real constructor refuses", () => {
    expect(() => new LightResponse("x", { status: 204 })).toThrow(TypeError);
    expect(() => new LightResponse(null, { status: 99 })).toThrow(RangeError);
    expect(new LightResponse(null, { status: 204 }).bodySource).toBeNull();
  });

  it("makes JSON with its content type through the static json()", async () => {
    const reply = LightResponse.json({ ok: true }, { status: 202 });
    expect(reply.status).toBe(202);
    expect(reply.headers.get("content-type")).toBe("application/json");
    expect(await reply.json()).toEqual({ ok: true });
  });
});

describe("NodeRequest", () => {
  const make = (body: string | null = null) =>
    new NodeRequest(
      "http://127.0.0.1:4010/v1/agents?limit=2",
      body === null ? "GET" : "POST",
      [
        ["Host", "127.0.0.1:4010"],
        ["X-API-Key", "k"],
      ],
      body === null ? null : new TextEncoder().encode(body),
    );

  it("is a Request to instanceof, with method, URL and headers", () => {
    const request = asRequest(make());
    expect(request instanceof Request).toBe(true);
    expect(request.method).toBe("GET");
    expect(request.url).toBe("http://127.0.0.1:4010/v1/agents?limit=2");
    expect(request.headers.get("x-api-key")).toBe("k");
  });

  it("reads its body once, like a real Request, and forwards every other member", async () => {
    const request = asRequest(make('{"name":"a"}'));
    expect(request.mode).toBe("cors");
    expect(await request.clone().json()).toEqual({ name: "a" });
    expect(await request.text()).toBe('{"name":"a"}');
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it("aborts its signal when the adapter says the client left", () => {
    const node = make();
    const signal = asRequest(node).signal;
    expect(signal.aborted).toBe(false);
    node.abort();
    expect(signal.aborted).toBe(true);
    const late = make();
    late.abort();
    expect(asRequest(late).signal.aborted).toBe(true);
  });
});
