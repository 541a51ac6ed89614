// The problem for a request the route table has no operation for, naming the closest ones.
import type { RouteMatch } from "../compileRoutes.js";
import { didYouMean } from "../nearMisses.js";
import { ProblemError } from "../ProblemError.js";

export function routeMiss(
  match: Exclude<RouteMatch, { kind: "found" }>,
  method: string,
  pathname: string,
): ProblemError {
  if (match.kind === "not_found") {
    const hint = didYouMean(method, pathname);
    return new ProblemError(404, "not_found", `There is no ${pathname} in this API.${hint}`);
  }
  // The path is the spec's: the methods it answers are the near misses.
  const hint = didYouMean(method, pathname, 0);
  return new ProblemError(
    405,
    "method_not_allowed",
    `${pathname} does not answer ${method}; it answers ${match.allow}.${hint}`,
    {},
    { allow: match.allow },
  );
}
