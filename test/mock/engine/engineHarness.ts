// Drives an engine in-process, the way hono's app.request does: build a Request, await the
// Response. Fixtures come through the sandbox's own operation, POST /_sandbox/workspaces.
import {
  createEngine,
  type Engine,
  type EngineOptions,
} from "../../../mock/engine/createEngine.js";
import type { Schemas } from "../../../mock/engine/types.js";

export const BASE = "http://sandbox.test";

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: problem documents and bodies are inspected loosely.
  body: any;
}

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string. */
  json?: unknown;
  body?: BodyInit;
}

export async function call(engine: Engine, path: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  const response = await engine.fetch(
    // A path, or an absolute URL the sandbox handed out (a minted link).
    new Request(path.startsWith("/") ? `${BASE}${path}` : path, {
      method: init.method ?? "GET",
      headers,
      body,
    }),
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a file, an event stream): keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function newWorkspace(engine: Engine): Promise<Schemas["SandboxWorkspace"]> {
  const answer = await call(engine, "/_sandbox/workspaces", { method: "POST" });
  if (answer.status !== 201) throw new Error(`workspace fixture failed: ${answer.status}`);
  return answer.body;
}

/** An engine and one fresh workspace, strict so every answer is checked against the spec. */
export async function setup(options: EngineOptions = {}) {
  const engine = createEngine({ strict: true, ...options });
  const ws = await newWorkspace(engine);
  return {
    engine,
    ws,
    ownerKey: ws.owner.user_key.secret,
    agentKey: (i: 0 | 1) => ws.agents[i]?.key.secret ?? "",
    agentId: (i: 0 | 1) => ws.agents[i]?.agent.id ?? "",
  };
}

/** Replaces one character of a key body with another from its alphabet. */
export function mutate(secret: string, index: number, replacement: string): string {
  return secret.slice(0, index) + replacement + secret.slice(index + 1);
}
