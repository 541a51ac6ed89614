// The request journal under /_sandbox/requests: list (filters, newest first, cursor pages) and one
// entry by its request id. Refused when the journal is off, and with replicas, whose journals are
// each their own (docs/decisions/request-journal.md): never a silent partial view.
import type { EngineContext } from "../EngineContext.js";
import type { RequestJournal } from "../journal/createRequestJournal.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers } from "../types.js";

type RequestOperationId = "listSandboxRequests" | "getSandboxRequest";

/** The journal to read, or the problem saying why there is none to read. */
export function readableJournal(ctx: EngineContext): RequestJournal {
  if (ctx.options.changeLog?.catchUp !== undefined) {
    throw new ProblemError(
      409,
      "conflict",
      "This sandbox runs as replicas (--workers or --store): each replica journals only the requests it answered, so a list from one would be a partial view. Run a single process without --workers and --store to read the request journal.",
    );
  }
  if (ctx.journal === null) {
    throw new ProblemError(
      409,
      "conflict",
      "The request journal is off (--journal 0 or createSandbox({ journal: false })); start the sandbox with it on to read it.",
    );
  }
  return ctx.journal;
}

export function requestOperations(ctx: EngineContext): Pick<OperationHandlers, RequestOperationId> {
  return {
    listSandboxRequests(input) {
      return { status: 200, body: readableJournal(ctx).list(input.query ?? {}) };
    },

    getSandboxRequest(input) {
      const entry = readableJournal(ctx).get(input.path.requestId);
      if (entry === undefined) {
        throw new ProblemError(
          404,
          "not_found",
          `There is no request ${input.path.requestId} in the journal (it keeps the last ${ctx.journal?.capacity} requests).`,
        );
      }
      return { status: 200, body: entry };
    },
  };
}
