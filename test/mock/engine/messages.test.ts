// Problem details a person can act on: one sentence each, naming what to send instead, with no
// internal identifier and no contradictory list (issue 8, item 5).
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../mock/index.js";

let sandbox: Sandbox;
let ws: Awaited<ReturnType<Sandbox["createWorkspace"]>>;
beforeEach(async () => {
  sandbox = createSandbox();
  ws = await sandbox.createWorkspace();
});

interface Problem {
  code: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

async function send(method: string, path: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await sandbox.fetch(
    new Request(`http://sandbox.localhost${path}`, { method, headers, body: JSON.stringify(body) }),
  );
  return { status: response.status, problem: (await response.json()) as Problem };
}

/** One sentence: a capital, one final full stop, no second sentence inside. */
const oneSentence = /^[A-Z](?:(?!\. [A-Z]).)*\.$/;

describe("validation messages", () => {
  it("name the first field and its problem in the detail, never a count of 'places'", async () => {
    const { problem } = await send(
      "POST",
      "/v1/me/api-keys",
      { name: 5, bogus: true },
      ws.owner.user_key.secret,
    );
    expect(problem.detail).not.toMatch(/places/);
    expect(problem.detail).toBe(
      "The request does not match the API's schema: /body/bogus is not allowed (and 1 more problem in errors).",
    );
    expect(problem.errors).toContainEqual({ pointer: "/body/name", detail: "must be a string" });
  });

  it('give one error for a bad clock advance such as "3 days", with what a duration looks like', async () => {
    const { status, problem } = await send("POST", "/_sandbox/clock", { advance: "3 days" });
    expect(status).toBe(400);
    expect(problem.errors).toEqual([
      {
        pointer: "/body/advance",
        detail: 'must be a duration: a number and a unit, such as "30s", "10m", "12h" or "90d"',
      },
    ]);
    expect(problem.detail).toMatch(oneSentence);
  });

  it("say which properties to choose from for a clock change that has neither", async () => {
    const { problem } = await send("POST", "/_sandbox/clock", {});
    expect(problem.errors).toEqual([
      { pointer: "/body", detail: 'must have exactly one of "advance" or "set"' },
    ]);
  });

  it("say which properties to choose from for a clock change that has both", async () => {
    const both = { advance: "1d", set: "2030-01-01T00:00:00Z" };
    const { status, problem } = await send("POST", "/_sandbox/clock", both);
    expect(status).toBe(400);
    expect(problem.errors).toEqual([
      { pointer: "/body", detail: 'must have exactly one of "advance" or "set"' },
    ]);
  });

  it("name a property no branch of a oneOf accepts at its own pointer", async () => {
    const { problem } = await send("POST", "/_sandbox/clock", { advance: "1d", sett: 1 });
    expect(problem.errors).toEqual([{ pointer: "/body/sett", detail: "is not allowed" }]);
  });

  it("say what a duration looks like when expires_in is a number of seconds", async () => {
    const { problem } = await send(
      "POST",
      "/v1/me/api-keys",
      { name: "ci", expires_in: 7200 },
      ws.owner.user_key.secret,
    );
    expect(problem.errors).toEqual([
      {
        pointer: "/body/expires_in",
        detail: 'must be a duration: a number and a unit, such as "30s", "10m", "12h" or "90d"',
      },
    ]);
  });

  it("list an enum's allowed values", async () => {
    const { problem } = await send(
      "POST",
      "/v1/me/api-keys",
      { name: "ci", scopes: ["agents:everything"] },
      ws.owner.user_key.secret,
    );
    expect(problem.errors?.[0]?.detail).toMatch(/^must be one of "agents:read", /);
  });
});

describe("a credential of the wrong kind", () => {
  it("is told which kinds to send, in words, with the right article", async () => {
    const agentKey = ws.agents[0]?.key.secret;
    const { status, problem } = await send("GET", "/v1/agents", undefined, agentKey);
    expect(status).toBe(403);
    expect(problem.code).toBe("credential_kind_not_allowed");
    expect(problem.detail).toBe(
      "Call this operation with a session token, a user key or a workspace key; an agent key cannot call it.",
    );
    expect(problem.detail).not.toMatch(/_key|\ba agent/);
  });

  it("that is a user key at invoke is told only an agent key works", async () => {
    const { problem } = await send(
      "POST",
      "/v1/invoke/agent-one",
      { input: "Hello" },
      ws.owner.user_key.secret,
    );
    expect(problem.detail).toBe(
      "Call this operation with an agent key; a user key cannot call it.",
    );
  });
});

describe("a bad agent slug", () => {
  it("is told what a slug looks like, not the regular expression", async () => {
    const { problem } = await send(
      "POST",
      "/v1/agents",
      { name: "Support", slug: "Support Bot" },
      ws.owner.user_key.secret,
    );
    expect(problem.errors).toEqual([
      {
        pointer: "/body/slug",
        detail:
          'must be a slug: 2 to 63 lowercase letters, digits and hyphens, not starting with a hyphen, such as "support-bot"',
      },
    ]);
  });
});
