// A black-box client for the scenarios: plain HTTP through the fetch it is given, nothing from
// the engine. The same calls run in-process, through MSW and against the HTTP server.
import type { components } from "../../../src/generated/schema.js";

export type Schemas = components["schemas"];

/** What a scenario run needs; each run (in-process, MSW, HTTP) provides its own. */
export interface ScenarioTarget {
  fetch: typeof fetch;
  baseUrl: string;
  advanceClock(duration: string): Promise<void>;
  close(): Promise<void>;
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <auth>`. */
  auth?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with whatever content-type `headers` give. */
  rawBody?: string;
}

export interface ScenarioClient {
  request<T = Schemas["Problem"]>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<Reply<T>>;
  /** A fresh workspace (owner, owner key, two agents with keys, a team). */
  workspace(): Promise<Schemas["SandboxWorkspace"]>;
  user(
    workspaceId: string,
    body: { role: Schemas["Role"]; email?: string; team_member?: boolean },
  ): Promise<Schemas["SandboxUser"]>;
  login(user: Schemas["SandboxUser"]): Promise<Schemas["Session"]>;
  advanceClock(duration: string): Promise<void>;
  /** The absolute URL of `path` on the target, as the sandbox's own links name it. */
  url(path: string): string;
}

export function createScenarioClient(target: () => ScenarioTarget): ScenarioClient {
  const request = async <T>(method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== undefined) headers.authorization = `Bearer ${options.auth}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const { fetch, baseUrl } = target();
    // An absolute URL (a minted link) is requested as is; a path goes under the base URL.
    const response = await fetch(/^https?:/.test(path) ? path : `${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? options.rawBody : JSON.stringify(options.body),
    });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "");
    const body = (isJson && text ? JSON.parse(text) : text) as T;
    return { status: response.status, headers: response.headers, body, text };
  };

  const expectStatus = <T>(reply: Reply<T>, status: number, what: string): T => {
    if (reply.status !== status)
      throw new Error(`${what}: expected ${status}, got ${reply.status}`);
    return reply.body;
  };

  return {
    request,
    async workspace() {
      const reply = await request<Schemas["SandboxWorkspace"]>("POST", "/_sandbox/workspaces", {
        body: { name: "scenario" },
      });
      return expectStatus(reply, 201, "create workspace");
    },
    async user(workspaceId, body) {
      const reply = await request<Schemas["SandboxUser"]>(
        "POST",
        `/_sandbox/workspaces/${workspaceId}/users`,
        { body },
      );
      return expectStatus(reply, 201, "create user");
    },
    async login(user) {
      const reply = await request<Schemas["Session"]>("POST", "/v1/auth/authenticate", {
        body: { email: user.user.email, password: user.password },
      });
      return expectStatus(reply, 200, "authenticate");
    },
    advanceClock: (duration) => target().advanceClock(duration),
    url: (path) => `${target().baseUrl}${path}`,
  };
}

/** The events of a finished SSE body, in order. */
export function parseEvents(text: string): { id: string; event: string; data: unknown }[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const fields = new Map<string, string>();
      for (const line of frame.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      return {
        id: fields.get("id") ?? "",
        event: fields.get("event") ?? "message",
        data: JSON.parse(fields.get("data") ?? "null"),
      };
    });
}

/** The same key with one character of its random part changed (its MAC tag no longer fits). */
export function tamper(secret: string): string {
  const at = secret.length - 12;
  const swapped = secret[at] === "A" ? "B" : "A";
  return `${secret.slice(0, at)}${swapped}${secret.slice(at + 1)}`;
}
