// The problem for a request the route table has no operation for, naming the closest ones.
import type { RouteMatch } from "../compileRoutes.js";
import { didYouMean } from "../nearMisses.js";
import { ProblemError } from "../ProblemError.js";

export function routeMiss(
  match: Exclude<RouteMatch, { kind: "found" }>,
  method: string,
  pathname: string,
): ProblemError {
  const hint = didYouMean(method, pathname);
  if (match.kind === "not_found") {
    return new ProblemError(404, "not_found", `There is no ${pathname} in this API.${hint}`);
  }
  return new ProblemError(
    405,
    "method_not_allowed",
    `${pathname} does not answer ${method}; it answers ${match.allow}.${hint}`,
    {},
    { allow: match.allow },
  );
}
