// Request samples for the docs' right-hand panel, written from the operation itself: its path
// with example parameters, the credential it accepts in the header it takes, `X-Agent-ID` where
// it acts as an agent, and its request body example. One in curl, one with the latchkey SDK.
import type { DerivedOperation } from "../codegen/derive-security";
import type { OpenAPIDocument, OperationRef } from "../codegen/openapi-types";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
}

const agentIdExample = "agt_5Rk8Nw3Qz1Lm7Xp4";
/** Query parameters a first request does not send: a page cursor comes from a previous answer. */
const unshown = ["token", "cursor"];

/** Follows a local `$ref` (`#/components/…`) to what it names. */
function resolve<T>(doc: OpenAPIDocument, value: unknown): T {
  const ref = (value as { $ref?: string } | undefined)?.$ref;
  if (!ref?.startsWith("#/")) return value as T;
  let target: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/")];
  }
  return resolve<T>(doc, target);
}

function parameters(doc: OpenAPIDocument, ref: OperationRef): Parameter[] {
  return [...(ref.pathItem.parameters ?? []), ...(ref.operation.parameters ?? [])].map((p) =>
    resolve<Parameter>(doc, p),
  );
}

function bodyExample(doc: OpenAPIDocument, ref: OperationRef): unknown {
  const body = resolve<{ content?: Record<string, { example?: unknown; examples?: unknown }> }>(
    doc,
    ref.operation.requestBody,
  );
  const media = body?.content?.["application/json"];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const [first] = Object.values((media.examples ?? {}) as Record<string, unknown>);
  return resolve<{ value?: unknown }>(doc, first)?.value;
}

function examplePath(ref: OperationRef, params: Parameter[]): string {
  return ref.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params.find((p) => p.in === "path" && p.name === name)?.example;
    return encodeURIComponent(String(value ?? `<${name}>`));
  });
}

/** The environment variable a sample reads its credential from. */
function credentialVariable(derived: DerivedOperation): string | undefined {
  if (derived.public) return undefined;
  if (derived.schemes.downloadToken || derived.schemes.streamToken) {
    return derived.credentials.length === 1 ? "LATCHKEY_TOKEN" : "LATCHKEY_KEY";
  }
  return derived.credentials.every((kind) => kind === "agent_key")
    ? "LATCHKEY_AGENT_KEY"
    : derived.credentials.every((kind) => kind === "team_key" || kind === "user_key") &&
        derived.credentials.includes("team_key")
      ? "LATCHKEY_TEAM_KEY"
      : "LATCHKEY_KEY";
}

function baseUrl(doc: OpenAPIDocument): string {
  const [server] = (doc.servers as { url: string }[] | undefined) ?? [];
  return server?.url ?? "http://127.0.0.1:4010";
}

export function curlSample(doc: OpenAPIDocument, ref: OperationRef, derived: DerivedOperation) {
  const params = parameters(doc, ref);
  const query = params
    .filter((p) => p.in === "query" && p.example !== undefined && !unshown.includes(p.name))
    .map((p) => `${p.name}=${encodeURIComponent(String(p.example))}`);
  const lines = [
    `curl -X ${ref.method.toUpperCase()} "${baseUrl(doc)}${examplePath(ref, params)}${query.length ? `?${query.join("&")}` : ""}"`,
  ];
  const variable = credentialVariable(derived);
  if (variable) lines.push(`  -H "Authorization: Bearer $${variable}"`);
  if (derived.agentContext === "required" && variable !== "LATCHKEY_AGENT_KEY") {
    lines.push(`  -H "X-Agent-ID: ${agentIdExample}"`);
  }
  const body = bodyExample(doc, ref);
  if (body !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n");
}

/** Lines that read `variable` from the environment, refusing to go on without it. */
function readVariable(variable: string, name: string): string[] {
  return [
    `const ${name} = process.env.${variable};`,
    `if (!${name}) throw new Error("Set ${variable} (npm start prints a key of the sandbox)");`,
  ];
}

/**
 * The operations an SDK user never calls by hand: the client signs in with `{ email, password }`
 * and refreshes its session itself. Their sample shows that instead of the raw call.
 */
const sessionOperations = ["authenticate", "refreshSession"];

function sessionSample(doc: OpenAPIDocument): string {
  return [
    'import { createClient, unwrap } from "latchkey";',
    "",
    "const email = process.env.LATCHKEY_EMAIL;",
    "const password = process.env.LATCHKEY_PASSWORD;",
    'if (!email || !password) throw new Error("Set LATCHKEY_EMAIL and LATCHKEY_PASSWORD");',
    "// The client signs in (POST /v1/auth/authenticate) on its first request and refreshes the",
    "// session (POST /v1/auth/refresh) ahead of expiry and on a 401 token_expired.",
    "const client = createClient({",
    `  baseUrl: ${JSON.stringify(baseUrl(doc))},`,
    "  credentials: { email, password },",
    '  onTokens: (tokens) => console.log("session until", tokens.expiresAt),',
    "});",
    'const me = await unwrap(client.GET("/v1/auth/whoami"));',
    "console.log(me.principal);",
  ].join("\n");
}

export function sdkSample(doc: OpenAPIDocument, ref: OperationRef, derived: DerivedOperation) {
  if (sessionOperations.includes(ref.operation.operationId ?? "")) return sessionSample(doc);
  const params = parameters(doc, ref);
  const variable = credentialVariable(derived);
  const path = params.filter((p) => p.in === "path");
  const query = params.filter(
    (p) => p.in === "query" && p.example !== undefined && !unshown.includes(p.name),
  );
  const body = bodyExample(doc, ref);
  const init: string[] = [];
  const paramParts: string[] = [];
  if (path.length) {
    paramParts.push(
      `path: { ${path.map((p) => `${p.name}: ${JSON.stringify(p.example ?? `<${p.name}>`)}`).join(", ")} }`,
    );
  }
  if (query.length) {
    paramParts.push(
      `query: { ${query.map((p) => `${p.name}: ${JSON.stringify(p.example)}`).join(", ")} }`,
    );
  }
  if (paramParts.length) init.push(`params: { ${paramParts.join(", ")} }`);
  if (body !== undefined) init.push(`body: ${JSON.stringify(body)}`);
  const slug = path.find((p) => p.name === "agentSlug")?.example;
  const options = [`baseUrl: ${JSON.stringify(baseUrl(doc))}`];
  if (variable && slug !== undefined && variable === "LATCHKEY_AGENT_KEY") {
    options.push(`agentKeys: { ${JSON.stringify(slug)}: key }`);
  } else if (variable) {
    options.push("credentials: key");
  }
  const target =
    derived.agentContext === "required" && variable !== "LATCHKEY_AGENT_KEY"
      ? `client.withAgent(${JSON.stringify(agentIdExample)})`
      : "client";
  const call = `${target}.${ref.method.toUpperCase()}(${JSON.stringify(ref.path)}${init.length ? `, {\n    ${init.join(",\n    ")},\n  }` : ""})`;
  return [
    'import { createClient, unwrap } from "latchkey";',
    "",
    ...(variable ? readVariable(variable, "key") : []),
    `const client = createClient({ ${options.join(", ")} });`,
    `const data = await unwrap(\n  ${call},\n);`,
    "console.log(data);",
  ].join("\n");
}
