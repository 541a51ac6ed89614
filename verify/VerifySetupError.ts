// A run that cannot start or finish: the target is unreachable, refuses the fixtures the tool
// needs, or the options are wrong. The CLI exits 2 on it; a mismatch is not one of these.
export class VerifySetupError extends Error {
  override readonly name = "VerifySetupError";
}

export function isVerifySetupError(error: unknown): error is VerifySetupError {
  return error instanceof VerifySetupError;
}
