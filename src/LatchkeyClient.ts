import type {
  Client,
  ClientPathsWithMethod,
  FetchResponse,
  MaybeOptionalInit,
  Middleware,
} from "openapi-fetch";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { Resources } from "./generated/resources.js";
import type { paths } from "./generated/schema.js";
import type { SdkOptions } from "./RequestOptions.js";

type Api = Client<paths>;
type Method = "get" | "put" | "post" | "delete" | "patch";
type PathsWith<M extends Method> = ClientPathsWithMethod<Api, M>;
// biome-ignore lint/complexity/noBannedTypes: `{}` is exactly "an object with no required keys".
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** A path call's init: openapi-fetch's members and the SDK's per-request options. */
type PathInit<P extends keyof paths, M extends Method> = NonNullable<
  MaybeOptionalInit<paths[P], M>
> &
  SdkOptions;
/** Every key of any member of a union (`keyof` of a union holds only the keys all members share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
/** `T` with every member no branch of `Allowed` has typed `never` (a `oneOf` body stays open to each branch's keys). */
type NoExtra<T, Allowed> = T & { [K in Exclude<keyof T, KeysOfUnion<Allowed>>]: never };
/** The init's body held to the operation's body the same way (a one-level object body). */
type ExactBody<Init, Allowed> = Init extends { body: infer B extends object }
  ? Allowed extends { body?: infer A }
    ? { body: NoExtra<B, NonNullable<A>> }
    : unknown
  : unknown;
/** An init with no option and no body field the SDK does not know: either fails to compile. */
type Exact<Init, Allowed> = NoExtra<Init, Allowed> & ExactBody<Init, Allowed>;
/** The optional-or-required init argument. */
type InitParam<Init, Allowed> =
  RequiredKeys<Allowed> extends never ? [Exact<Init, Allowed>?] : [Exact<Init, Allowed>];

type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O extends
  Record<string | number, unknown>
  ? O
  : never;

/** A client method with `throwOnError`: it resolves only on success, so `data` is always there. */
type ClientMethod<M extends Method, Throw extends boolean> = <
  P extends PathsWith<M>,
  Init extends PathInit<P, M>,
>(
  url: P,
  ...init: InitParam<Init, PathInit<P, M>>
) => Promise<
  Throw extends true
    ? {
        data: NonNullable<FetchResponse<Operation<P, M>, Init, `${string}/${string}`>["data"]>;
        error?: never;
        response: Response;
      }
    : FetchResponse<Operation<P, M>, Init, `${string}/${string}`>
>;

/** Safe facts about a client, for logs: never a secret. */
export interface ClientSummary {
  baseUrl: string;
  credentials: string;
  authHeader: string;
  agentId: string | null;
  agentKeys: string[];
}

/**
 * The typed API client: resource methods (`client.agents.list()`, generated from the spec's
 * `x-sdk-method`) and openapi-fetch's path methods (`client.GET("/v1/agents")`).
 */
export interface LatchkeyClient<Throw extends boolean = false> extends Resources {
  /** Call a GET operation: `client.GET("/v1/agents", { params: { query: { limit: 20 } } })`. */
  GET: ClientMethod<"get", Throw>;
  /** Call a POST operation. */
  POST: ClientMethod<"post", Throw>;
  /** Call a PUT operation. */
  PUT: ClientMethod<"put", Throw>;
  /** Call a PATCH operation. */
  PATCH: ClientMethod<"patch", Throw>;
  /** Call a DELETE operation. */
  DELETE: ClientMethod<"delete", Throw>;
  /** Add openapi-fetch middleware (also to clients derived later with `withAgent`). */
  use(...middleware: Middleware[]): void;
  /** Remove openapi-fetch middleware. */
  eject(...middleware: Middleware[]): void;
  /** A client that acts as this agent (`X-Agent-ID`), sharing credentials and session. */
  withAgent(agentId: string): LatchkeyClient<Throw>;
  /** Listen for the end of the session; returns a function that stops listening. */
  on(event: "sessionEnded", listener: (error: SessionExpiredError) => void): () => void;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** Safe facts for logs: base URL, kind of credential, agent; never a secret. */
  toJSON(): ClientSummary;
}
