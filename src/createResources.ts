import type { Client } from "openapi-fetch";
import { APIPromise } from "./APIPromise.js";
import type { CallInit, SendCall } from "./callSender.js";
import { type ResourceMethodSpec, type Resources, resourceMethods } from "./generated/resources.js";
import type { paths } from "./generated/schema.js";
import { Page, type PageBody, PagePromise } from "./Page.js";
import type { RequestOptions } from "./RequestOptions.js";
import { streamJob } from "./streamJob.js";

type Parse = (response: Response) => unknown;

// The init of a call with nothing but its path (`agents.list()`): one object for every such call.
// A new object per call, spread by openapi-fetch, cost about 5 % of the call (bench/sdk.bench.mjs).
const bare: CallInit = Object.freeze({ parseAs: "stream" });

/** A success's JSON, or undefined for one with no body (204). */
const json: Parse = (response) =>
  response.status === 204 || response.headers.get("Content-Length") === "0"
    ? undefined
    : response.json();
const bytes: Parse = async (response) => new Uint8Array(await response.arrayBuffer());

/**
 * The resource tree of one client (`client.agents.keys.rotate(agentId, keyId, body)`), built from
 * the generated table: the facts (path, argument order, input, kind of answer) are the spec's;
 * what each kind of answer becomes is written here, once.
 */
export function createResources(send: SendCall, api: Client<paths>, prefix: string): Resources {
  // A signed token's `url` is relative to the base URL: callers get it absolute.
  const signedUrl: Parse = async (response) => {
    const { url } = (await response.json()) as { url: string };
    return url.startsWith("/") ? prefix + url : url;
  };
  const method = ([verb, path, names, input, kind]: ResourceMethodSpec) => {
    const count = names.length;
    return (...args: unknown[]) => {
      if (kind === "events") return streamJob(api, args[0] as string, args[1] as object);
      let pathParams: Record<string, unknown> | undefined;
      if (count > 0) {
        pathParams = {};
        for (let i = 0; i < count; i++) pathParams[names[i] as string] = args[i];
      }
      const value = input === "none" ? undefined : args[count];
      const options = args[input === "none" ? count : count + 1] as RequestOptions | undefined;
      const request = (query: unknown) => {
        if (!pathParams && !query && input !== "body" && !options) {
          return send(verb, path, bare, undefined, true);
        }
        // Only what is set: openapi-fetch copies every member of the init onto the Request.
        const init: CallInit =
          pathParams || query
            ? { parseAs: "stream", params: { path: pathParams, query } }
            : { parseAs: "stream" };
        if (input === "body") init.body = value;
        if (options?.headers) init.headers = options.headers;
        if (options?.signal) init.signal = options.signal;
        return send(verb, path, init, options, true);
      };
      const query = input === "query" ? (value as Record<string, unknown> | undefined) : undefined;
      if (kind === "list") {
        const page = (cursor: unknown): PagePromise<unknown> =>
          new PagePromise(
            request(cursor === undefined ? query : { ...query, cursor }),
            async (response) =>
              new Page((await response.json()) as PageBody<unknown>, cursor as string, page),
          );
        return page(query?.cursor);
      }
      return new APIPromise(
        request(query),
        kind === "bytes" ? bytes : kind === "url" ? signedUrl : json,
      );
    };
  };
  const root: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(resourceMethods)) {
    const parts = name.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as typeof node;
    }
    node[parts.at(-1) as string] = method(spec) as unknown as Record<string, unknown>;
  }
  return root as unknown as Resources;
}
