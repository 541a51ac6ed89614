import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "../../src/parseWwwAuthenticate.js";

describe("parseWwwAuthenticate", () => {
  it("reads scheme, error, description and scope of an RFC 6750 challenge", () => {
    const parsed = parseWwwAuthenticate(
      'Bearer realm="latchkey", error="insufficient_scope", scope="agents:write keys:read", error_description="Needs more"',
    );
    expect(parsed).toMatchObject({
      scheme: "Bearer",
      error: "insufficient_scope",
      errorDescription: "Needs more",
      scope: ["agents:write", "keys:read"],
    });
    expect(parsed?.params.realm).toBe("latchkey");
  });

  it("unescapes quoted strings and accepts bare tokens", () => {
    const parsed = parseWwwAuthenticate(
      'Bearer error=invalid_token, error_description="a \\"quoted\\" word"',
    );
    expect(parsed?.error).toBe("invalid_token");
    expect(parsed?.errorDescription).toBe('a "quoted" word');
  });

  it("reads a challenge with no parameters, and nothing from an empty header", () => {
    expect(parseWwwAuthenticate("Bearer")).toMatchObject({ scheme: "Bearer", scope: [] });
    expect(parseWwwAuthenticate("")).toBeUndefined();
    expect(parseWwwAuthenticate(null)).toBeUndefined();
  });

  it("stops at the second challenge", () => {
    const parsed = parseWwwAuthenticate('Bearer realm="a", Basic realm="b"');
    expect(parsed?.params.realm).toBe("a");
  });
});
