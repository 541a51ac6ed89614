import type { operations } from "./generated/schema.js";

export type { APIPromise, WithResponse } from "./APIPromise.js";
export type { Page, PagePromise } from "./Page.js";
export type { RequestOptions } from "./RequestOptions.js";
export type { StreamJobOptions } from "./streamJob.js";

/** An operation of the spec, by its `operationId`. */
export type OperationId = keyof operations;

type Json<C> = C extends { content: { "application/json": infer B } } ? B : never;

/** The JSON request body of an operation. */
export type Body<Id extends OperationId> = operations[Id] extends { requestBody?: infer R }
  ? Json<NonNullable<R>>
  : never;

/** The query parameters of an operation. */
export type Query<Id extends OperationId> = operations[Id] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

type Success<R> = R[Extract<keyof R, 200 | 201 | 202 | 204>];

/** The data of an operation's success response (undefined for a 204). */
export type Data<Id extends OperationId> = operations[Id] extends { responses: infer R }
  ? Success<R> extends { content: { "application/json": infer B } }
    ? B
    : undefined
  : never;

/** One item of a list operation's pages. */
export type ListItemOf<Id extends OperationId> =
  Data<Id> extends { data: (infer Item)[] } ? Item : never;
