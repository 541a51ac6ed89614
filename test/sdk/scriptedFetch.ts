// A fetch for unit tests: answers from a script and records what the client sent.

/** One request as the server saw it. */
export interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export type Answer = (request: Request, index: number) => Response | Promise<Response>;

export function scriptedFetch(answer: Answer) {
  const sent: Sent[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? "" : await request.text();
    sent.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body,
    });
    return answer(request, sent.length - 1);
  };
  return { fetch, sent };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json",
      "X-Request-Id": "req_0000000000000001",
      ...headers,
    },
  });
}

export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: `urn:latchkey:problem:${code}`,
    title: code,
    status,
    detail: `Problem ${code}.`,
    code,
    request_id: "req_0000000000000002",
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "X-Request-Id": body.request_id,
      ...headers,
    },
  });
}

const body32 = (c: string) => c.repeat(32);
/** Well-formed (by pattern) but fake credentials. */
export const keys = {
  user: `lk_usr_test_${body32("U")}`,
  workspace: `lk_wsk_test_${body32("W")}`,
  team: `lk_tmk_test_${body32("T")}`,
  agentOne: `lk_agk_test_${body32("A")}`,
  agentTwo: `lk_agk_test_${body32("B")}`,
  refresh: `lk_rt_test_${body32("R")}`,
};

/** A fake JWT-shaped access token numbered n. */
export const accessToken = (n: number) => `eyJhbGciOiJFUzI1NiJ9.eyJuIjo${n}fQ.c2lnbmF0dXJl${n}`;

export const session = (n: number, expiresIn = 900) => ({
  access_token: accessToken(n),
  token_type: "Bearer",
  expires_in: expiresIn,
  expires_at: "2026-11-23T10:15:00Z",
  refresh_token: `lk_rt_test_${String(n).padStart(32, "R")}`,
  refresh_token_expires_at: "2026-12-23T10:00:00Z",
  scope: "agents:read",
  user_id: "usr_0000000000000001",
  workspace_id: "ws_0000000000000001",
});

export const BASE = "https://api.example.test";
