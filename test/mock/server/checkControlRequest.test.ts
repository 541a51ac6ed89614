// The /_sandbox controls refuse web pages of other origins and bodies that are not JSON
// (issue 7, item 1): a page's "simple" text/plain POST can no longer reset the sandbox.
import { describe, expect, it } from "vitest";
import { checkControlRequest } from "../../../mock/server/checkControlRequest.js";

const host = "127.0.0.1:4010";

describe("checkControlRequest", () => {
  it("refuses a control request from a page of another origin", () => {
    const problem = checkControlRequest("POST", "/_sandbox/reset", {
      host,
      origin: "https://evil.example",
      "content-type": "application/json",
    });
    expect(problem?.status).toBe(403);
    expect(problem?.code).toBe("cross_origin_refused");
  });

  it("refuses a control request marked cross-site or same-site by Sec-Fetch-Site", () => {
    for (const site of ["cross-site", "same-site"]) {
      const problem = checkControlRequest("GET", "/_sandbox/clock", {
        host,
        "sec-fetch-site": site,
      });
      expect(problem?.code, site).toBe("cross_origin_refused");
    }
  });

  it("refuses an opaque origin (sandboxed iframe, file:)", () => {
    const problem = checkControlRequest("POST", "/_sandbox/reset", { host, origin: "null" });
    expect(problem?.code).toBe("cross_origin_refused");
  });

  it("refuses a control body that is not application/json with 415", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const problem = checkControlRequest("POST", "/_sandbox/clock", {
        host,
        "content-type": type,
        "content-length": "20",
      });
      expect(problem?.status, type).toBe(415);
      expect(problem?.code).toBe("unsupported_media_type");
    }
    const untyped = checkControlRequest("POST", "/_sandbox/reset", { host, "content-length": "2" });
    expect(untyped?.status).toBe(415);
  });

  it("lets through a same-origin page, a tool without Origin, and a body-less POST", () => {
    const json = { "content-type": "application/json; charset=utf-8", "content-length": "2" };
    expect(
      checkControlRequest("POST", "/_sandbox/clock", {
        host,
        origin: `http://${host}`,
        "sec-fetch-site": "same-origin",
        ...json,
      }),
    ).toBeNull();
    expect(checkControlRequest("POST", "/_sandbox/workspaces", { host, ...json })).toBeNull();
    expect(checkControlRequest("POST", "/_sandbox/reset", { host })).toBeNull();
    expect(
      checkControlRequest("GET", "/_sandbox/clock", { host, "sec-fetch-site": "none" }),
    ).toBeNull();
  });

  it("lets an origin the operator named with --cors-origin call the controls", () => {
    const origin = "http://localhost:5173";
    const headers = {
      host,
      origin,
      "sec-fetch-site": "same-site",
      "content-type": "application/json",
    };
    expect(checkControlRequest("POST", "/_sandbox/workspaces", headers, [origin])).toBeNull();
    expect(checkControlRequest("POST", "/_sandbox/workspaces", headers, ["*"])?.code).toBe(
      "cross_origin_refused",
    );
  });

  it("leaves the API itself to CORS and the engine", () => {
    const headers = { host, origin: "https://evil.example", "content-type": "text/plain" };
    expect(checkControlRequest("POST", "/v1/agents", headers)).toBeNull();
    expect(checkControlRequest("POST", "/_sandboxed", headers)).toBeNull();
  });
});
