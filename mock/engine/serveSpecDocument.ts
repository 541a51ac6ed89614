// `GET /openapi.json` and `GET /openapi.yaml`: the spec the sandbox answers by, to anyone, before
// any route or credential is looked at (the docs page and Prism's proxy read it).
import { openapiDocument, openapiYaml } from "../../src/generated/openapi.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { Decision } from "./journal/Decision.js";

let specJson: string | undefined;

/** The spec document's answer for `pathname`, or null when it names neither. */
export function serveSpecDocument(pathname: string, decision: Decision): EngineAnswer | null {
  if (pathname === "/openapi.json") {
    decision.pass("route", "the spec document, served to anyone");
    specJson ??= JSON.stringify(openapiDocument);
    return { status: 200, headers: { "content-type": "application/json" }, body: specJson };
  }
  if (pathname === "/openapi.yaml") {
    decision.pass("route", "the spec document, served to anyone");
    return { status: 200, headers: { "content-type": "application/yaml" }, body: openapiYaml };
  }
  return null;
}
