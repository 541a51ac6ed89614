import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const probe = fileURLToPath(new URL("./fixtures/heapProbe.ts", import.meta.url));

function probeHeap(workspaces: number) {
  const output = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", probe, String(workspaces)],
    { encoding: "utf8", timeout: 60_000 },
  );
  return JSON.parse(output.trim().split("\n").pop() ?? "{}");
}

describe("the sandbox's heap", () => {
  it("keeps no issued secret per key: what a heap dump shows does not grow with the keys issued", () => {
    const small = probeHeap(10);
    const large = probeHeap(40);
    expect(large.issued).toBeGreaterThanOrEqual(4 * small.issued);
    // The canary is still referenced by the probe: finding it proves the scan can find a secret.
    expect(small.canaryFound).toBe(true);
    expect(large.canaryFound).toBe(true);
    // At most the last credential of each kind lingers in V8's transient slots until the next
    // request; a per-key leak (a sliced `start`, a map keyed by secret) shows up as one per key.
    expect(large.keyBodies).toBeLessThanOrEqual(4);
    expect(large.keyBodies).toBeLessThanOrEqual(small.keyBodies + 1);
    expect(large.jwts).toBe(0);
  }, 120_000);
});
