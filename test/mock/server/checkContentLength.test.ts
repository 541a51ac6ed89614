// A declared Content-Length over 1 MB is refused from the headers (issue 7, item 13).
import { describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../../mock/engine/readJsonBody.js";
import { checkContentLength } from "../../../mock/server/checkContentLength.js";

describe("checkContentLength", () => {
  it("refuses a declared Content-Length over 1 MB with 413 payload_too_large", () => {
    const problem = checkContentLength({ "content-length": String(BODY_LIMIT + 1) });
    expect(problem?.status).toBe(413);
    expect(problem?.code).toBe("payload_too_large");
  });

  it("lets through a body at the limit, a missing length and a chunked body", () => {
    expect(checkContentLength({ "content-length": String(BODY_LIMIT) })).toBeNull();
    expect(checkContentLength({})).toBeNull();
    expect(checkContentLength({ "transfer-encoding": "chunked" })).toBeNull();
  });
});
