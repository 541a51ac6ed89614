// Mutation testing of the auth path (`npm run test:mutation`): every rule of authentication,
// authorization and credential choice must have a test that fails when the rule is changed.
// Stryker 9.6 (not 10.x) because the project runs on Node 20 and 10.x needs Node 22+;
// its vitest runner declares `vitest >= 2`, so it drives the project's vitest 4.1.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: "perTest",
  // Code run while modules load (tables and patterns built at import) would need every test run
  // for each of its mutants; Stryker reports those as Ignored instead. Their rules are still
  // tested (the token patterns and the routes table each have tests), just not mutated here.
  ignoreStatic: true,
  // Every file a request's credential passes through in the sandbox, and the SDK's choice of
  // what to send (the credential sources and the operation lookup by `schemaPath`).
  mutate: [
    "mock/engine/authenticate.ts",
    "mock/engine/authorize.ts",
    "mock/engine/authorizeRequest.ts",
    "mock/engine/resolveAgentContext.ts",
    "mock/engine/extractCredential.ts",
    "mock/engine/keyFormat.ts",
    "mock/engine/signedToken.ts",
    "mock/engine/createSessionService.ts",
    "mock/engine/verifySessionToken.ts",
    "mock/engine/wwwAuthenticate.ts",
    "mock/engine/retiredSecrets.ts",
    "mock/engine/signedTokenGrant.ts",
    "src/credentials/*.ts",
    // The operation lookup; its table is generated (src/generated/routes.ts, checked whole by
    // test/sdk/chooseCredential.rules.test.ts and test/contract/routes.test.ts).
    "src/operationFor.ts",
    "src/operationMiddleware.ts",
  ],
  // Two workers: the CI machine has two cores.
  concurrency: 2,
  timeoutMS: 10_000,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
