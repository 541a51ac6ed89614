// The session service's cache of verified claims is bounded: a sandbox that issues sessions all
// day keeps at most 10,000 of them in memory, forgetting the oldest first. A forgotten token is
// not refused: its next use verifies the signature again and caches it anew.
import { describe, expect, it } from "vitest";
import { createSessionService } from "../../../mock/engine/createSessionService.js";
import { authServices } from "./authServices.js";

const LIMIT = 10_000;

describe("session claims cache", () => {
  it("the claims cache holds at most 10,000 tokens, forgetting the oldest first", async () => {
    const t = authServices();
    const sessions = createSessionService({
      store: t.store,
      clock: t.services.clock,
      crypto: t.crypto,
      sessionTtlMs: 15 * 60_000,
      refreshTtlMs: 30 * 86_400_000,
      trustedIssuers: [],
    });
    const user = t.addUser();
    const tokens: string[] = [];
    const digests: string[] = [];
    async function issue() {
      const { access_token } = await sessions.issue(user);
      tokens.push(access_token);
      digests.push(t.crypto.digest(access_token));
    }
    const held = () => digests.filter((digest) => sessions.cached(digest) !== undefined);

    for (let i = 0; i < LIMIT; i++) await issue();
    expect(held()).toEqual(digests);

    await issue();
    await issue();
    expect(held()).toEqual(digests.slice(2));

    // The first token, forgotten, still verifies and comes back as the newest entry.
    await sessions.verify(tokens[0] as string, digests[0] as string);
    expect(held()).toEqual([digests[0], ...digests.slice(3)]);
  });
});
