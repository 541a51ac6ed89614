// Where a request's one credential comes from, rule by rule (RFC 6750 §2: one method per request).
import { describe, expect, it } from "vitest";
import { extractCredential, rejectKeysInQuery } from "../../../mock/engine/extractCredential.js";
import { operation, problemOf } from "./ruleHarness.js";

const KEY = `lk_usr_test_${"A".repeat(32)}`;
const OTHER = `lk_usr_test_${"B".repeat(32)}`;
const agents = operation("listAgents");
const download = operation("downloadFile");

const extract = (headers: Record<string, string>, query = "", op = agents) =>
  extractCredential(new Headers(headers), new URLSearchParams(query), op);

function invalidRequest(detail: string) {
  return {
    status: 400,
    code: "invalid_request",
    detail,
    headers: {
      "www-authenticate": `Bearer realm="latchkey", error="invalid_request", error_description="${detail.replace(/"/g, '\\"')}"`,
    },
  };
}
const notBearer = invalidRequest('The Authorization header must be "Bearer <token>".');
const twoCredentials = invalidRequest(
  "Send one credential per request: the request carries two different ones (for example Authorization and X-API-Key disagree).",
);

describe("extractCredential", () => {
  it("no credential at all is null", () => {
    expect(extract({})).toBeNull();
  });

  it("Authorization: Bearer carries the token through bearerAuth", () => {
    expect(extract({ authorization: `Bearer ${KEY}` })).toEqual({
      value: KEY,
      scheme: "bearerAuth",
    });
  });

  it("the Bearer scheme name is case-insensitive and may be followed by several spaces", () => {
    expect(extract({ authorization: `bearer   ${KEY}  ` })).toEqual({
      value: KEY,
      scheme: "bearerAuth",
    });
  });

  it("Authorization: Bearer without a token is 400 invalid_request", async () => {
    expect(await problemOf(() => extract({ authorization: "Bearer" }))).toEqual({
      ...notBearer,
      extras: {},
    });
    expect(await problemOf(() => extract({ authorization: "Bearer  " }))).toMatchObject(notBearer);
  });

  it("an Authorization scheme that only ends in Bearer is another scheme: no credential", () => {
    expect(extract({ authorization: `NotBearer ${KEY}` })).toBeNull();
  });

  it("whitespace inside a bearer credential is 400 invalid_request", async () => {
    expect(await problemOf(() => extract({ authorization: `Bearer ${KEY} x` }))).toMatchObject(
      notBearer,
    );
    expect(await problemOf(() => extract({ authorization: `Bearer\t${KEY}` }))).toMatchObject(
      notBearer,
    );
  });

  it("an Authorization header of another scheme carries no credential (RFC 6750 §3.1)", () => {
    expect(extract({ authorization: "Basic dXNlcjpwYXNz" })).toBeNull();
    expect(extract({ authorization: "Bearerx abc" })).toBeNull();
    expect(extract({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": KEY })).toEqual({
      value: KEY,
      scheme: "apiKeyHeader",
    });
  });

  it("X-API-Key carries the key through apiKeyHeader, trimmed", () => {
    expect(extract({ "x-api-key": ` ${KEY} ` })).toEqual({ value: KEY, scheme: "apiKeyHeader" });
  });

  it("Api-Key carries the key through apiKeyAltHeader", () => {
    expect(extract({ "api-key": KEY })).toEqual({ value: KEY, scheme: "apiKeyAltHeader" });
  });

  it("whitespace inside an X-API-Key or Api-Key value is 400 invalid_request", async () => {
    expect(await problemOf(() => extract({ "x-api-key": `${KEY} ${OTHER}` }))).toMatchObject(
      invalidRequest("The X-API-Key header must hold exactly one key."),
    );
    expect(await problemOf(() => extract({ "api-key": `${KEY}\t${OTHER}` }))).toMatchObject(
      invalidRequest("The Api-Key header must hold exactly one key."),
    );
  });

  it("an empty X-API-Key is 400 invalid_request", async () => {
    expect(await problemOf(() => extract({ "x-api-key": "  " }))).toMatchObject(
      invalidRequest("The X-API-Key header must hold exactly one key."),
    );
  });

  it("the same key in several headers counts once, through the first scheme", () => {
    expect(extract({ authorization: `Bearer ${KEY}`, "x-api-key": KEY, "api-key": KEY })).toEqual({
      value: KEY,
      scheme: "bearerAuth",
    });
    expect(extract({ "x-api-key": KEY, "api-key": KEY })).toEqual({
      value: KEY,
      scheme: "apiKeyHeader",
    });
  });

  it("Authorization and X-API-Key with different keys are 400 invalid_request", async () => {
    expect(
      await problemOf(() => extract({ authorization: `Bearer ${KEY}`, "x-api-key": OTHER })),
    ).toMatchObject(twoCredentials);
  });

  it("X-API-Key and Api-Key with different keys are 400 invalid_request", async () => {
    expect(await problemOf(() => extract({ "x-api-key": KEY, "api-key": OTHER }))).toMatchObject(
      twoCredentials,
    );
  });

  it("Authorization and Api-Key with different keys are 400 invalid_request", async () => {
    expect(
      await problemOf(() => extract({ authorization: `Bearer ${KEY}`, "api-key": OTHER })),
    ).toMatchObject(twoCredentials);
  });

  it("?token= counts on an operation whose security lists a query scheme, through that scheme", () => {
    expect(extract({}, "token=abc", download)).toEqual({ value: "abc", scheme: "downloadToken" });
  });

  it("on an operation with a query scheme, a header credential alone counts, with or without a query", () => {
    expect(extract({ authorization: `Bearer ${KEY}` }, "", download)).toEqual({
      value: KEY,
      scheme: "bearerAuth",
    });
    expect(extractCredential(new Headers({}), null, download)).toBeNull();
  });

  it("?token= is ignored on an operation without a query scheme", () => {
    expect(extract({}, "token=abc", agents)).toBeNull();
  });

  it("?token= equal to the header credential counts once", () => {
    expect(extract({ authorization: "Bearer abc" }, "token=abc", download)).toEqual({
      value: "abc",
      scheme: "bearerAuth",
    });
  });

  it("?token= different from the header credential is 400 invalid_request", async () => {
    expect(
      await problemOf(() => extract({ authorization: `Bearer ${KEY}` }, "token=abc", download)),
    ).toMatchObject(twoCredentials);
  });
});

describe("rejectKeysInQuery", () => {
  it("an API key or a JWT in any of the usual query names is 400 invalid_request", async () => {
    for (const name of ["token", "access_token", "api_key", "apikey", "key"]) {
      for (const value of [KEY, "lk_wsk_x", "lk_tmk_x", "lk_agk_x", "lk_rt_x", "eyJhbGciOi"]) {
        const search = new URLSearchParams([
          ["token", "harmless"],
          [name, value],
        ]);
        expect(await problemOf(() => rejectKeysInQuery(search))).toMatchObject(
          invalidRequest(
            `An API key or session token was sent in the query parameter "${name}"; send keys in a header (Authorization: Bearer <key>), never in a URL.`,
          ),
        );
      }
    }
  });

  it("signed download and stream tokens, other names and other values pass", () => {
    const search = new URLSearchParams([
      ["token", "lk_dlt_test_abc.def"],
      ["token", "lk_stt_test_abc.def"],
      ["secret", KEY],
      ["key", `x${KEY}`],
      ["key", "lk_usrx_"],
    ]);
    expect(rejectKeysInQuery(search)).toBeUndefined();
  });
});
