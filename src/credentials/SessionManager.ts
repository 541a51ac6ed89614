import type { Client } from "openapi-fetch";
import type { ApiError } from "../errors/ApiError.js";
import { errorFromResponse } from "../errors/errorFromResponse.js";
import { requestFailure } from "../errors/requestFailure.js";
import { SessionExpiredError } from "../errors/SessionExpiredError.js";
import type { components, paths } from "../generated/schema.js";
import type { CredentialSource } from "./CredentialSource.js";

type Session = components["schemas"]["Session"];

/** A session's tokens, as handed to `onTokens` for storage and accepted back by `credentials`. */
export interface SessionTokens {
  /** The session access token (a JWT). */
  accessToken: string;
  /** The one-use refresh token. */
  refreshToken: string;
  /** When the access token expires (RFC 3339 on the way out; a Date or epoch ms also accepted). */
  expiresAt: string | number | Date;
}

/** What the session needs from the client; `api` sends no credential of its own. */
export interface SessionDeps {
  readonly api: Client<paths>;
  readonly baseUrl: string;
  readonly now: () => number;
  readonly refreshMarginMs: number;
  readonly timeoutMs: number | undefined;
  readonly onTokens: ((tokens: SessionTokens) => void | Promise<void>) | undefined;
  readonly onEnded: (error: SessionExpiredError) => void;
}

/**
 * A session that signs in, refreshes ahead of expiry, and renews once after `token_expired`.
 * One exchange is in flight at a time, whoever asks; the secrets live in private fields only.
 */
export class SessionManager implements CredentialSource {
  readonly kind = "session";
  readonly description = "session";
  #deps: SessionDeps;
  #login: { email: string; password: string } | undefined;
  #access = "";
  #refresh = "";
  #expiresAt = 0;
  #inFlight: Promise<string> | undefined;
  #ended: SessionExpiredError | undefined;

  constructor(init: { email: string; password: string } | SessionTokens, deps: SessionDeps) {
    this.#deps = deps;
    if ("email" in init) {
      this.#login = { email: init.email, password: init.password };
    } else {
      this.#access = init.accessToken;
      this.#refresh = init.refreshToken;
      this.#expiresAt = new Date(init.expiresAt).getTime() || 0;
    }
  }

  token(): string | Promise<string> {
    if (this.#ended) throw this.#ended;
    if (this.#access && this.#deps.now() < this.#expiresAt - this.#deps.refreshMarginMs) {
      return this.#access;
    }
    return this.#exchangeOnce();
  }

  renew(rejected: string): Promise<string | undefined> {
    if (this.#ended) return Promise.reject(this.#ended);
    // Someone else already renewed while this request was out: use theirs.
    if (this.#access !== rejected && !this.#inFlight) return Promise.resolve(this.#access);
    return this.#exchangeOnce();
  }

  #exchangeOnce(): Promise<string> {
    this.#inFlight ??= this.#exchange().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #exchange(): Promise<string> {
    const { api, baseUrl, timeoutMs } = this.#deps;
    const login = this.#login;
    const path = login ? "/v1/auth/authenticate" : "/v1/auth/refresh";
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const send = () =>
      login
        ? api.POST("/v1/auth/authenticate", { body: login, signal })
        : api.POST("/v1/auth/refresh", { body: { refresh_token: this.#refresh }, signal });
    let result: Awaited<ReturnType<typeof send>>;
    try {
      result = await send();
    } catch (cause) {
      throw requestFailure(cause, "POST", baseUrl + path, signal?.aborted === true);
    }
    const { data, error, response } = result;
    if (data) return this.#store(data);
    const failure = errorFromResponse(response, error, ["POST", baseUrl + path]);
    // A busy or broken server has not judged the session: keep it for the next request.
    if (response.status >= 500 || response.status === 429 || response.status === 408) throw failure;
    throw this.#end(failure);
  }

  async #store(session: Session): Promise<string> {
    this.#login = undefined;
    this.#access = session.access_token;
    this.#refresh = session.refresh_token;
    this.#expiresAt = this.#deps.now() + session.expires_in * 1000;
    await this.#deps.onTokens?.({
      accessToken: this.#access,
      refreshToken: this.#refresh,
      expiresAt: new Date(this.#expiresAt).toISOString(),
    });
    return this.#access;
  }

  #end(failure: ApiError): SessionExpiredError {
    const { method, url, response, problem } = failure;
    const ended = new SessionExpiredError({ method, url, response, problem });
    this.#ended = ended;
    this.#login = undefined;
    this.#access = this.#refresh = "";
    this.#deps.onEnded(ended);
    return ended;
  }
}
