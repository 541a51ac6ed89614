// The SDK's credential sources, one rule each: what kind a credential is read as (that decides
// which operations get it), which credentials are refused up front, and when a provider renews.
import { describe, expect, it, vi } from "vitest";
import { classifyToken } from "../../src/credentials/classifyToken.js";
import { resolveCredential } from "../../src/credentials/resolveCredential.js";
import type { SessionDeps } from "../../src/credentials/SessionManager.js";
import { SessionManager } from "../../src/credentials/SessionManager.js";
import { staticCredential } from "../../src/credentials/staticCredential.js";
import { tokenProvider } from "../../src/credentials/tokenProvider.js";
import { accessToken, keys } from "./scriptedFetch.js";

const deps = {} as SessionDeps;
const signed = (kind: string) => `lk_${kind}_test_${"a".repeat(16)}.${"b".repeat(43)}`;

describe("classifyToken", () => {
  it("reads each credential kind from the spec's token pattern", () => {
    expect(classifyToken(accessToken(1))).toBe("session");
    expect(classifyToken(keys.user)).toBe("user_key");
    expect(classifyToken(keys.workspace)).toBe("workspace_key");
    expect(classifyToken(keys.team)).toBe("team_key");
    expect(classifyToken(keys.agentOne)).toBe("agent_key");
    expect(classifyToken(keys.refresh)).toBe("refresh_token");
    expect(classifyToken(signed("dlt"))).toBe("download_token");
    expect(classifyToken(signed("stt"))).toBe("stream_token");
  });

  it("builds its pattern table from the spec's patterns when the module loads", async () => {
    // Loaded afresh: the table is built at import, and only a fresh load sees a changed build.
    vi.resetModules();
    const fresh = await import("../../src/credentials/classifyToken.js");
    expect(fresh.classifyToken(keys.workspace)).toBe("workspace_key");
    expect(fresh.classifyToken(accessToken(1))).toBe("session");
  });

  it("reads an unknown shape as no kind", () => {
    expect(classifyToken("opaque-provider-token")).toBeUndefined();
    expect(classifyToken(`${keys.user}x`)).toBeUndefined();
  });
});

describe("staticCredential", () => {
  it("a key is sent as itself, described by its kind, never by its secret", async () => {
    const source = staticCredential(keys.workspace);
    expect(source.kind).toBe("workspace_key");
    expect(source.description).toBe("workspace_key");
    expect(await source.token()).toBe(keys.workspace);
    expect(source.renew).toBeUndefined();
  });

  it("a token of unknown shape has no kind and is described as a token", () => {
    const source = staticCredential("opaque-provider-token");
    expect(source.kind).toBeUndefined();
    expect(source.description).toBe("token");
  });

  it("a refresh token is refused as a credential", () => {
    expect(() => staticCredential(keys.refresh)).toThrow(
      new TypeError("latchkey: a refresh token is not a credential; pass the session tokens"),
    );
  });

  it("download and stream tokens are refused as credentials: they go in a URL", () => {
    const message = "latchkey: signed tokens go in a URL; use downloadUrl() or streamUrl()";
    expect(() => staticCredential(signed("dlt"))).toThrow(new TypeError(message));
    expect(() => staticCredential(signed("stt"))).toThrow(new TypeError(message));
  });
});

describe("tokenProvider", () => {
  it("asks the provider for every request, and has no kind: the API decides", async () => {
    let n = 0;
    const source = tokenProvider(() => `token-${++n}`);
    expect(source.kind).toBeUndefined();
    expect(source.description).toBe("getToken");
    expect(await source.token()).toBe("token-1");
    expect(await source.token()).toBe("token-2");
  });

  it("renews with a fresh token, and gives up when the provider returns the rejected one", async () => {
    const tokens = ["same", "fresh"];
    const source = tokenProvider(async () => tokens.shift() ?? "");
    expect(await source.renew?.("same")).toBeUndefined();
    expect(await source.renew?.("same")).toBe("fresh");
  });
});

describe("resolveCredential", () => {
  it("no credentials option is no source", () => {
    expect(resolveCredential(undefined, deps)).toBeUndefined();
  });

  it("a string is a static credential", () => {
    expect(resolveCredential(keys.team, deps)?.kind).toBe("team_key");
  });

  it("an empty string is refused", () => {
    expect(() => resolveCredential("", deps)).toThrow(
      new TypeError("latchkey: credentials is an empty string"),
    );
  });

  it("{ getToken } is a token provider", () => {
    expect(resolveCredential({ getToken: () => "t" }, deps)?.description).toBe("getToken");
  });

  it("{ email, password } and stored session tokens are sessions", () => {
    const login = resolveCredential({ email: "a@example.test", password: "pw" }, deps);
    expect(login).toBeInstanceOf(SessionManager);
    const stored = { accessToken: accessToken(1), refreshToken: keys.refresh, expiresAt: 0 };
    expect(resolveCredential(stored, deps)).toBeInstanceOf(SessionManager);
  });

  it("anything else is refused with the shapes it may take", () => {
    expect(() => resolveCredential({ token: "t" } as never, deps)).toThrow(
      new TypeError(
        "latchkey: credentials must be a key, { getToken }, { email, password } or session tokens",
      ),
    );
  });
});
