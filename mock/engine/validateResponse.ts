import type { CompiledOperation } from "./compileOperations.js";
import { responseValidator } from "./compileValidators.js";
import { toFieldErrors } from "./validateRequest.js";

/**
 * Strict mode's check of what an implementation answered: the status must be declared for the
 * operation, the media type among that status's, and a JSON body must match its schema.
 * Returns the violation as a sentence, or null.
 */
export function validateResponse(
  operation: CompiledOperation,
  status: number,
  contentType: string | null,
  body: unknown,
  hasJsonBody: boolean,
): string | null {
  const media = operation.responses.get(String(status));
  if (!media) {
    const declared = [...operation.responses.keys()].join(", ");
    return `status ${status} is not declared (declared: ${declared})`;
  }
  if (media.size === 0) return null;
  const type = contentType?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (!media.has(type)) {
    return `content type "${type}" is not declared for ${status} (declared: ${[...media.keys()].join(", ")})`;
  }
  const schema = media.get(type);
  if (!hasJsonBody || !schema) return null;
  const validate = responseValidator(schema);
  if (validate(body)) return null;
  const errors = toFieldErrors("", validate.errors ?? []).slice(0, 5);
  return `body ${errors.map((e) => `${e.pointer || "/"} ${e.detail}`).join("; ")}`;
}
