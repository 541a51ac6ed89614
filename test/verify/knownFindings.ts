// Where the sandbox disagreed with the spec when `latchkey verify` was first run against it.
// Each is a finding reported to the coordinator and fixed by issue 7, not an expectation bent to
// match the sandbox: the conformance test accepts these mismatches and no others.
import type { Mismatch } from "../../verify/index.js";

export const knownFindings = [
  {
    why: "issue 7 #10: an Authorization header with another scheme (Basic) alone must count as no credential: 401 credentials_missing with the bare challenge (RFC 6750 §3.1, DESIGN §2); the sandbox answers 400 invalid_request",
    matches: (m: Mismatch) => m.label.state === "other auth scheme" && m.actual.status === 400,
  },
  {
    why: 'issue 7 #5: a secret retired by rotation must answer token_revoked (DESIGN §5: revoked, "a secret retired by rotation too"); the sandbox answers token_unknown',
    matches: (m: Mismatch) =>
      m.label.state === "retired by rotation" && m.actual.code === "token_unknown",
  },
];

export const isKnownFinding = (m: Mismatch) => knownFindings.some((f) => f.matches(m));
