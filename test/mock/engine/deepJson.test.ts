import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../../mock/engine/jsonDepth.js";
import { bearer, call, setup } from "./engineHarness.js";

const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("deep JSON", () => {
  it("refuses a body nested deeper than the limit with 400 validation_failed naming the limit", async () => {
    const { engine, agentKey, ws } = await setup();
    const answer = await call(engine, `/v1/invoke/${ws.agents[0]?.agent.slug}`, {
      method: "POST",
      headers: { ...bearer(agentKey(0)), "content-type": "application/json" },
      body: `{"input":${nested(10_000)}}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.detail).toContain(String(MAX_JSON_DEPTH));
    expect(answer.body.errors).toEqual([
      { pointer: "/body", detail: `must nest at most ${MAX_JSON_DEPTH} levels` },
    ]);
  });

  it("answers a 10,000-level body with an Idempotency-Key with a 400, not a 500", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      method: "POST",
      headers: {
        ...bearer(ownerKey),
        "content-type": "application/json",
        "idempotency-key": "deep-1",
      },
      body: `{"name":"x","slug":"deep","extra":${nested(10_000)}}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
  });

  it("lets a body nested exactly to the limit through to schema validation", async () => {
    const { engine, agentKey, ws } = await setup();
    // `{"input": …}` is one level itself.
    const answer = await call(engine, `/v1/invoke/${ws.agents[0]?.agent.slug}`, {
      method: "POST",
      headers: { ...bearer(agentKey(0)), "content-type": "application/json" },
      body: `{"input":${nested(MAX_JSON_DEPTH - 1)}}`,
    });
    // `input` must be a string: the schema, not the depth limit, refuses it.
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].pointer).toBe("/body/input");
  });

  it("counts brackets inside strings as text, not nesting", () => {
    const text = `{"a":"${"[".repeat(200)}\\"${"{".repeat(200)}"}`;
    expect(nestsDeeperThan(new TextEncoder().encode(text), 2)).toBe(false);
    expect(nestsDeeperThan(new TextEncoder().encode(nested(3)), 2)).toBe(true);
  });
});

describe("idempotency fingerprints", () => {
  it("fingerprints the body bytes: the same key with other bytes of an equal value is a different request", async () => {
    const { engine, ownerKey } = await setup();
    const send = (body: string) =>
      call(engine, "/v1/agents", {
        method: "POST",
        headers: {
          ...bearer(ownerKey),
          "content-type": "application/json",
          "idempotency-key": "bytes-1",
        },
        body,
      });
    expect((await send('{"name":"A","slug":"byte-a"}')).status).toBe(201);
    const spaced = await send('{"name": "A", "slug": "byte-a"}');
    expect(spaced.status).toBe(400);
    expect(spaced.body.code).toBe("invalid_request");
    const same = await send('{"name":"A","slug":"byte-a"}');
    expect(same.status).toBe(201);
    expect(same.headers.get("idempotent-replayed")).toBe("true");
  });
});
