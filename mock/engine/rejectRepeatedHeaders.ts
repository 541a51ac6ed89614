// A header the spec gives one value (a credential header, a header parameter) sent twice is
// ambiguous: which agent, which idempotency key, which credential? Over node:http the adapter
// counts the repeats; in-process, Web Headers has already joined them with ", " and the joined
// value is judged by the header's schema (validateRequest) or by the credential's shape.
import { singleValuedHeaders } from "../../src/generated/security.js";
import type { HeaderLookup } from "./EngineRequest.js";
import { invalidRequest } from "./wwwAuthenticate.js";

const names = singleValuedHeaders.map((spelled) => [spelled, spelled.toLowerCase()] as const);

/** 400 invalid_request for a repeated single-valued header; the values are never quoted. */
export function rejectRepeatedHeaders(headers: HeaderLookup): void {
  const repeats = headers.repeated?.();
  if (repeats === undefined || repeats.length === 0) return;
  for (const [spelled, name] of names) {
    if (repeats.includes(name)) {
      throw invalidRequest(`The ${spelled} header was sent more than once; send it once.`);
    }
  }
}
