import { ApiError, brand, isBranded } from "./ApiError.js";

/** 404: no such object here (objects of other workspaces look the same), or no such path. */
export class NotFoundError extends ApiError {}
brand(NotFoundError, "NotFoundError");

/** True for a `NotFoundError`, from any copy of the SDK (`instanceof` is not). */
export const isNotFoundError = isBranded<NotFoundError>("NotFoundError");
