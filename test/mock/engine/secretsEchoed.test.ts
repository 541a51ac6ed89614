// No response detail, challenge or log entry carries a credential, whatever the path or its
// encoding (issue 7, item 9).
import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../mock/engine/EngineContext.js";
import { formatLogLine } from "../../../mock/server/formatLogLine.js";
import { bearer, call, setup } from "./engineHarness.js";

const encodeAll = (text: string) =>
  [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");

function text(answer: { headers: Headers; body: unknown }): string {
  return `${JSON.stringify(answer.body)}\n${JSON.stringify([...answer.headers])}`;
}

describe("secrets are never echoed", () => {
  it("a 404 for an unknown path never echoes a key in the path, encoded or not", async () => {
    const { engine, ownerKey } = await setup();
    for (const path of [`/v1/${ownerKey}`, `/v1/${encodeAll(ownerKey)}`, `/v1/x/${ownerKey}%2F`]) {
      const answer = await call(engine, path);
      expect(answer.status).toBe(404);
      expect(answer.body.detail).toContain("[redacted]");
      expect(text(answer)).not.toContain(ownerKey);
    }
  });

  it("a 405 never echoes a key in the path", async () => {
    const { engine, ws, ownerKey } = await setup();
    const team = await call(engine, `/v1/teams/${ws.team.id}/keys`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "intake" },
    });
    const teamKey: string = team.body.secret;
    for (const path of [`/v1/agents/${teamKey}`, `/v1/agents/${encodeAll(teamKey)}`]) {
      const answer = await call(engine, path, { method: "PUT" });
      expect(answer.status).toBe(405);
      expect(text(answer)).not.toContain(teamKey);
    }
  });

  it("a validation error never echoes a key sent as a body's property name", async () => {
    const { engine, ownerKey } = await setup();
    for (const [path, json] of [
      ["/v1/agents", { [ownerKey]: 1, name: "a", slug: "ab" }],
      ["/_sandbox/workspaces", { name: 5, [ownerKey]: { a: 1 } }],
    ] as const) {
      const answer = await call(engine, path, { method: "POST", headers: bearer(ownerKey), json });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe("validation_failed");
      expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(
        "/body/[redacted]",
      );
      expect(text(answer)).not.toContain(ownerKey);
    }
  });

  it("a log entry never carries a key from the path, percent-encoded or not", async () => {
    const entries: LogEntry[] = [];
    const { engine, ownerKey } = await setup({ logger: (entry) => entries.push(entry) });
    await call(engine, `/v1/agents/${encodeAll(ownerKey)}`, { headers: bearer(ownerKey) });
    await call(engine, `/v1/${ownerKey}?limit=1`);
    await call(engine, `/v1/${encodeURIComponent(encodeAll(ownerKey))}`);
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      expect(JSON.stringify(entry)).not.toContain(ownerKey.slice(12));
      expect(formatLogLine(entry)).not.toContain(ownerKey.slice(12));
    }
  });
});
