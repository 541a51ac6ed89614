// The light Headers of the node server answer as undici's Headers would, for the same input.
import { describe, expect, it } from "vitest";
import { LightHeaders } from "../../../mock/server/LightHeaders.js";
import { NodeRequest } from "../../../mock/server/toWebRequest.js";

const raw = ["Host", "127.0.0.1", "X-Trace", " a ", "Accept", "json", "x-trace", "b"];
const realOf = (flat: string[]) => {
  const real = new Headers();
  for (let i = 0; i < flat.length; i += 2) real.append(flat[i] as string, flat[i + 1] as string);
  return real;
};
const entries = (headers: Headers) => {
  const out: [string, string][] = [];
  headers.forEach((value, name) => {
    out.push([name, value]);
  });
  return out;
};

describe("LightHeaders", () => {
  it("reads names case-insensitively, joins repeats and trims values like Headers", () => {
    const light = LightHeaders.fromRaw(raw) as unknown as Headers;
    const real = realOf(raw);
    for (const name of ["host", "X-TRACE", "accept", "missing"]) {
      expect(light.get(name)).toBe(real.get(name));
      expect(light.has(name)).toBe(real.has(name));
    }
    expect(light instanceof Headers).toBe(true);
  });

  it("iterates sorted by name with repeats joined, like Headers", () => {
    expect(entries(LightHeaders.fromRaw(raw) as unknown as Headers)).toEqual(entries(realOf(raw)));
  });

  it("sets, deletes and forwards every other member to one real Headers that keeps its state", () => {
    const light = LightHeaders.fromInit({ "Content-Type": "application/json" });
    light.set("x-request-id", "req_1");
    light.delete("content-type");
    expect([...light.keys()]).toEqual(["x-request-id"]);
    light.append("x-more", "1");
    expect(light.get("x-more")).toBe("1");
    expect(() => light.set("bad name", "x")).toThrow(TypeError);
  });
});

describe("NodeRequest body", () => {
  it("is read once through its stream, and bodyUsed says so, as with a real Request", async () => {
    const request = new NodeRequest(
      "http://127.0.0.1/v1/agents",
      "POST",
      ["Content-Type", "application/json"],
      new TextEncoder().encode('{"name":"a"}'),
    ) as unknown as Request;
    expect(request.bodyUsed).toBe(false);
    const reader = request.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('{"name":"a"}');
    expect((await reader?.read())?.done).toBe(true);
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });
});
