import type {
  Client,
  ClientPathsWithMethod,
  FetchResponse,
  MaybeOptionalInit,
  Middleware,
} from "openapi-fetch";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { paths } from "./generated/schema.js";
import type { SignedUrlOptions } from "./signedUrl.js";
import type { JobEvent, StreamJobOptions } from "./streamJob.js";

type Api = Client<paths>;
type Method = "get" | "put" | "post" | "delete" | "patch";
type PathsWith<M extends Method> = ClientPathsWithMethod<Api, M>;
// biome-ignore lint/complexity/noBannedTypes: `{}` is exactly "an object with no required keys".
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The optional-or-required init argument, as openapi-fetch types it. */
type InitParam<Init> =
  RequiredKeys<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O extends
  Record<string | number, unknown>
  ? O
  : never;

/** A client method with `throwOnError`: it resolves only on success, so `data` is always there. */
type ThrowingMethod<M extends Method> = <
  P extends PathsWith<M>,
  Init extends MaybeOptionalInit<paths[P], M>,
>(
  url: P,
  ...init: InitParam<Init>
) => Promise<{
  data: NonNullable<FetchResponse<Operation<P, M>, Init, `${string}/${string}`>["data"]>;
  error?: never;
  response: Response;
}>;

type ClientMethod<M extends Method, Throw extends boolean> = Throw extends true
  ? ThrowingMethod<M>
  : Api[Uppercase<M>];

type ListBody<P> =
  P extends PathsWith<"get">
    ? paths[P]["get"] extends {
        responses: { 200: { content: { "application/json": infer Body } } };
      }
      ? Body extends { next_cursor: string | null }
        ? Body
        : never
      : never
    : never;

/** The GET paths that answer with pages (`{ data, next_cursor }`). */
export type ListPath = {
  [P in PathsWith<"get">]: ListBody<P> extends never ? never : P;
}[PathsWith<"get">];

/** One item of a list operation's pages, e.g. `ListItem<"/v1/agents">` is an agent. */
export type ListItem<P extends ListPath> =
  ListBody<P> extends { data: (infer Item)[] } ? Item : never;

/** One page of a list operation: its items, typed from the spec, and the cursor to the next. */
export interface Page<P extends ListPath> {
  data: ListItem<P>[];
  next_cursor: string | null;
}

/** Safe facts about a client, for logs: never a secret. */
export interface ClientSummary {
  baseUrl: string;
  credentials: string;
  authHeader: string;
  agentId: string | null;
  agentKeys: string[];
}

/** The typed API client: openapi-fetch's methods plus the flows that take more than one call. */
export interface LatchkeyClient<Throw extends boolean = false> {
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
  /** Every page of a list operation, following `next_cursor`. */
  paginate<P extends ListPath>(
    path: P,
    ...init: InitParam<MaybeOptionalInit<paths[P], "get">>
  ): AsyncGenerator<Page<P>, void, undefined>;
  /** A job's progress events until `done` or `error`, resuming after dropped connections. */
  streamJob(jobId: string, options?: StreamJobOptions): AsyncGenerator<JobEvent, void, undefined>;
  /** An absolute URL with a stream token, for a browser `EventSource`. */
  streamUrl(jobId: string, options?: SignedUrlOptions): Promise<string>;
  /** An absolute URL with a download token: downloads the file with no header. */
  downloadUrl(agentId: string, filename: string, options?: SignedUrlOptions): Promise<string>;
  /** Listen for the end of the session; returns a function that stops listening. */
  on(event: "sessionEnded", listener: (error: SessionExpiredError) => void): () => void;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** Safe facts for logs: base URL, kind of credential, agent; never a secret. */
  toJSON(): ClientSummary;
}
