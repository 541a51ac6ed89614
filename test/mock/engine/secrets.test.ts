import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Engine } from "../../../mock/engine/createEngine.js";
import { bearer, call, mutate, setup } from "./engineHarness.js";

function storeText(engine: Engine): string {
  const parts: string[] = [];
  for (const value of Object.values(engine.context.store)) {
    if (value instanceof Map) parts.push(JSON.stringify([...value.entries()]));
  }
  return parts.join("\n");
}

describe("secrets at rest", () => {
  it("keeps no issued secret in the snapshot or in any store map", async () => {
    const { engine, ws, ownerKey, agentId } = await setup();
    const created = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "ci" },
    });
    const session = await call(engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const link = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
    });
    const secrets = [
      ownerKey,
      ws.owner.password,
      ...ws.agents.map((a) => a.key.secret),
      created.body.secret,
      session.body.access_token,
      session.body.refresh_token,
      link.body.token,
    ];
    expect(secrets.every((s) => typeof s === "string" && s.length > 8)).toBe(true);
    const snapshot = JSON.stringify(engine.snapshot());
    const maps = storeText(engine);
    for (const secret of secrets) {
      expect(snapshot.includes(secret)).toBe(false);
      expect(maps.includes(secret)).toBe(false);
    }
  });

  it("refuses every single-character mutation of a valid key with 401, never 200 or 500", async () => {
    const { engine, ownerKey } = await setup({ strict: false });
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ownerKey.length - 1 }),
        printable,
        fc.constantFrom("authorization", "x-api-key"),
        async (index, replacement, header) => {
          fc.pre(ownerKey[index] !== replacement);
          const changed = mutate(ownerKey, index, replacement);
          const headers = header === "authorization" ? bearer(changed) : { "x-api-key": changed };
          const before = engine.context.store.lookups;
          const answer = await call(engine, "/v1/agents", { headers });
          expect(answer.status).toBe(401);
          expect(["token_malformed", "token_unknown"]).toContain(answer.body.code);
          if (answer.body.code === "token_malformed") {
            expect(engine.context.store.lookups).toBe(before);
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 10_000 },
    );
  });
});
