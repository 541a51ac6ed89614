import type { Scope } from "../generated/security.js";
import { ApiError, type ApiErrorInit, brand, isBranded } from "./ApiError.js";

/** 403: the credential is valid but may not do this (scope, kind, agent, workspace, team). */
export class PermissionDeniedError extends ApiError {
  /** The scopes the operation needs, from `WWW-Authenticate: … scope="…"` or the problem. */
  readonly requiredScopes: readonly Scope[];

  constructor(init: ApiErrorInit) {
    super(init);
    const challenged = this.wwwAuthenticate?.scope ?? [];
    this.requiredScopes = (
      challenged.length > 0 ? challenged : (this.problem?.required_scopes ?? [])
    ) as readonly Scope[];
  }
}
brand(PermissionDeniedError, "PermissionDeniedError");

/** True for a `PermissionDeniedError`, from any copy of the SDK (`instanceof` is not). */
export const isPermissionDeniedError = isBranded<PermissionDeniedError>("PermissionDeniedError");
