// `latchkey/verify`: the spec's auth contract as a conformance test of any deployment. Talks
// HTTP only; it never loads the sandbox engine, whose answers it exists to check.
export type {
  SecretValue,
  VerifyConfig,
  VerifyConfigTenant,
  VerifyConfigUser,
} from "./config/VerifyConfig.js";
export { formatSummary } from "./report/formatSummary.js";
export { toJunit } from "./report/toJunit.js";
export type {
  CellLabel,
  Expected,
  Mismatch,
  OperationSummary,
  VerifyReport,
} from "./types.js";
export { isVerifySetupError, VerifySetupError } from "./VerifySetupError.js";
export { type VerifyOptions, verify } from "./verify.js";
