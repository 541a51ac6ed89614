import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { keys } from "./scriptedFetch.js";

describe("plain http://", () => {
  it("refuses to create a client that would send credentials over http:// to a remote host", () => {
    expect(() =>
      createClient({ baseUrl: "http://api.example.test", credentials: keys.user }),
    ).toThrow(/refusing to send credentials over plain http/);
    expect(() =>
      createClient({ baseUrl: "http://api.example.test", agentKeys: { a: keys.agentOne } }),
    ).toThrow(TypeError);
  });

  it("allows http:// to loopback, without credentials, or when explicitly allowed", () => {
    for (const baseUrl of [
      "http://127.0.0.1:4010",
      "http://127.9.8.7",
      "http://[::1]:4010",
      "http://localhost",
    ]) {
      expect(() => createClient({ baseUrl, credentials: keys.user })).not.toThrow();
    }
    expect(() => createClient({ baseUrl: "http://api.example.test" })).not.toThrow();
    expect(() =>
      createClient({
        baseUrl: "http://api.example.test",
        credentials: keys.user,
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });
});
