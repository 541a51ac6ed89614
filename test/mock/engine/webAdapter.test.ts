// The fetch adapter: a Web Request read into the engine's request interface, an answer built
// into a Web Response.
import { describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../../mock/engine/readJsonBody.js";
import { fromWebRequest, toWebResponse } from "../../../mock/engine/webAdapter.js";

describe("fromWebRequest", () => {
  it("splits path and query as sent, drops the fragment, and strips a base path", async () => {
    const request = await fromWebRequest(
      new Request("http://sandbox.test/api/v1/agents?limit=2&cursor=a%2Fb#top"),
      "/api",
    );
    expect(request).toMatchObject({
      method: "GET",
      path: "/v1/agents",
      query: "limit=2&cursor=a%2Fb",
    });
    expect(request.body).toBeNull();
  });

  it("reads at most 1 MB + 1 byte of a streamed body, so the engine still sees it is too large", async () => {
    const body = new Blob([new Uint8Array(3 * BODY_LIMIT)]).stream();
    const request = await fromWebRequest(
      new Request("http://sandbox.test/v1/agents", {
        method: "POST",
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(request.body?.byteLength).toBe(BODY_LIMIT + 1);
  });

  it("treats an empty body as none", async () => {
    const request = await fromWebRequest(
      new Request("http://sandbox.test/v1/agents", { method: "POST", body: "" }),
    );
    expect(request.body).toBeNull();
  });
});

describe("toWebResponse", () => {
  it("builds status, headers and body", async () => {
    const response = toWebResponse({
      status: 201,
      headers: { "x-request-id": "req_1" },
      body: "{}",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(await response.text()).toBe("{}");
  });

  it("sends no body to a HEAD request and cancels a stream nobody will read", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const response = toWebResponse({ status: 200, headers: {}, body }, "HEAD");
    expect(response.body).toBeNull();
    expect(cancelled).toBe(true);
  });

  it("fails like a network error for an answer that drops the connection", () => {
    expect(() => toWebResponse({ status: 200, headers: {}, body: null, drop: true })).toThrow(
      TypeError,
    );
  });
});
