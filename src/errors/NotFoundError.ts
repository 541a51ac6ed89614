import { ApiError } from "./ApiError.js";

/** 404: no such object here (objects of other workspaces look the same), or no such path. */
export class NotFoundError extends ApiError {}
NotFoundError.prototype.name = "NotFoundError";
