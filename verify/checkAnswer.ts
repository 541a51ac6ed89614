// One cell's verdict: the status, `code`, `required_scopes` and RFC 6750 challenge the spec
// expects, and a body valid against the schema the spec declares for that status.
import type { SpecOperation } from "./specModel.js";
import { firstError, schemaAt } from "./specSchemas.js";
import type { Expected } from "./types.js";

export interface Answer {
  status: number;
  contentType: string | null;
  challenge: string | null;
  /** The body as text; null for streams the tool does not read. */
  text: string | null;
}

export function codeOf(answer: Answer): string | null {
  if (answer.text === null || !answer.contentType?.includes("json")) return null;
  try {
    const code = (JSON.parse(answer.text) as { code?: unknown }).code;
    return typeof code === "string" ? code : null;
  } catch {
    return null;
  }
}

function checkChallenge(expected: Expected, challenge: string | null): string | null {
  const want = expected.challenge;
  if (want === null) return null;
  if (challenge === null || !/^Bearer\b/i.test(challenge)) {
    return `WWW-Authenticate is ${challenge === null ? "missing" : `"${challenge}"`}, expected a Bearer challenge`;
  }
  if (want.error === null) {
    return /\berror=/.test(challenge)
      ? `WWW-Authenticate "${challenge}" should be the bare challenge`
      : null;
  }
  if (!challenge.includes(`error="${want.error}"`))
    return `WWW-Authenticate lacks error="${want.error}"`;
  if (want.scope !== undefined && !challenge.includes(`scope="${want.scope}"`)) {
    return `WWW-Authenticate lacks scope="${want.scope}"`;
  }
  return null;
}

function checkSchema(op: SpecOperation, answer: Answer): string | null {
  const declared = op.responses.get(answer.status);
  if (!declared) return `${answer.status} is not a response ${op.id} declares`;
  if (declared.size === 0) return null;
  const type = answer.contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const pointer = declared.get(type);
  if (pointer === undefined) {
    return `content type "${type}" is not declared for ${answer.status} (${[...declared.keys()].join(", ")})`;
  }
  if (!type.includes("json") || answer.text === null) return null;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return "the body is not valid JSON";
  }
  const validate = schemaAt(pointer);
  return validate(body) ? null : `body does not match the spec's schema: ${firstError(validate)}`;
}

export function checkAnswer(op: SpecOperation, expected: Expected, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status !== expected.status)
    problems.push(`status ${answer.status}, expected ${expected.status}`);
  const code = codeOf(answer);
  if (expected.code !== null && code !== expected.code) {
    problems.push(`code ${code ?? "(none)"}, expected ${expected.code}`);
  }
  if (expected.requiredScopes && code === expected.code && answer.text !== null) {
    const got = (JSON.parse(answer.text) as { required_scopes?: string[] }).required_scopes ?? [];
    if ([...got].sort().join(" ") !== [...expected.requiredScopes].sort().join(" ")) {
      problems.push(
        `required_scopes [${got.join(", ")}], expected [${expected.requiredScopes.join(", ")}]`,
      );
    }
  }
  if (answer.status === expected.status) {
    const challenge = checkChallenge(expected, answer.challenge);
    if (challenge) problems.push(challenge);
  }
  const schema = checkSchema(op, answer);
  if (schema) problems.push(schema);
  return problems;
}
