// `latchkey/mock`: the sandbox in-process. Runtime-neutral (browsers, service workers, Deno, Bun,
// Node): no Node built-ins, and MSW is not imported — pass its `http` to `sandbox.handlers()`.
export {
  type CreateSandboxOptions,
  createSandbox,
  DEFAULT_BASE_URL,
  type MswHttp,
  type Sandbox,
  type SandboxClock,
} from "./createSandbox.js";
export { createEngine, type Engine } from "./engine/createEngine.js";
export type { AnswerBody, EngineAnswer } from "./engine/EngineAnswer.js";
export type { LogEntry, SandboxOptions, TrustedIssuer } from "./engine/EngineContext.js";
export type { EngineRequest, HeaderLookup } from "./engine/EngineRequest.js";
export type {
  CreateUserOptions,
  CreateWorkspaceOptions,
  IssueKeyOptions,
} from "./engine/fixtures.js";
export type { Snapshot } from "./engine/types.js";
export type { Fault, FaultRule, SandboxFaults } from "./sandboxFaults.js";
