// The shared end-to-end suite. Each run — in-process (sandbox.fetch), through MSW's setupServer,
// and over HTTP against `latchkey sandbox` — calls this with its own setup, so the same
// scenarios must pass in all three. Black box: only HTTP through the given fetch, and every
// test takes its own workspace, so the runs can share a sandbox.
import { afterAll, beforeAll, describe } from "vitest";
import { accessScenarios } from "./accessScenarios.js";
import { credentialScenarios } from "./credentialScenarios.js";
import { downloadScenarios } from "./downloadScenarios.js";
import { intakeScenarios } from "./intakeScenarios.js";
import { jobScenarios } from "./jobScenarios.js";
import { keyScenarios } from "./keyScenarios.js";
import { requestScenarios } from "./requestScenarios.js";
import { createScenarioClient, type ScenarioTarget } from "./scenarioClient.js";
import { sessionScenarios } from "./sessionScenarios.js";

export type { ScenarioTarget } from "./scenarioClient.js";

export function defineAuthScenarios(name: string, setup: () => Promise<ScenarioTarget>): void {
  describe(name, () => {
    let target: ScenarioTarget | undefined;
    beforeAll(async () => {
      target = await setup();
    });
    afterAll(async () => {
      await target?.close();
    });

    const client = createScenarioClient(() => {
      if (target === undefined) throw new Error("the scenario target is not set up");
      return target;
    });

    describe("requests", () => requestScenarios(client));
    describe("credentials", () => credentialScenarios(client));
    describe("keys", () => keyScenarios(client));
    describe("access", () => accessScenarios(client));
    describe("sessions", () => sessionScenarios(client));
    describe("jobs", () => jobScenarios(client));
    describe("downloads", () => downloadScenarios(client));
    describe("intake", () => intakeScenarios(client));
  });
}
