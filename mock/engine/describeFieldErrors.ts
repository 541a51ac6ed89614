// Ajv's errors made into what a person can act on. Two things get in the way of the raw list:
// a `oneOf` (the clock's `{advance}` or `{set}`) reports every branch's failures at once, so a
// bad duration came back beside "set is required" and "advance is not allowed"; and a bare
// "must be string" or "must match pattern" does not say what a good value looks like.
import type { ErrorObject } from "ajv/dist/2020.js";

/** Branch `n` of the `oneOf` at `oneOfPath`, from a schemaPath below it; else undefined. */
function branchOf(schemaPath: string, oneOfPath: string): string | undefined {
  if (!schemaPath.startsWith(`${oneOfPath}/`)) return undefined;
  return schemaPath.slice(oneOfPath.length + 1).split("/", 1)[0];
}

/** An error saying the value's property names do not fit a branch (not its values). */
const structural = (error: ErrorObject) =>
  error.keyword === "required" ||
  error.keyword === "additionalProperties" ||
  error.keyword === "unevaluatedProperties";

/**
 * For each failed `oneOf`: the branches whose property names do not fit the value are not what
 * the caller meant, so their errors go, and so does the "must match exactly one schema" summary,
 * which says nothing to act on. `{advance: "3 days"}` is then judged as an `advance` only. When
 * no branch fits by its names (`{}`), one error names the properties to choose from.
 */
export function keepIntendedBranch(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const oneOf of errors.filter((error) => error.keyword === "oneOf")) {
    const oneOfPath = oneOf.schemaPath;
    const misfits = new Set<string>();
    for (const error of kept) {
      const branch = branchOf(error.schemaPath, oneOfPath);
      if (branch !== undefined && structural(error)) misfits.add(branch);
    }
    const branches = (oneOf.params as { passingSchemas?: unknown }).passingSchemas;
    const options = choices(kept, oneOfPath);
    const noneFits = misfits.size > 0 && misfits.size >= countBranches(kept, oneOfPath);
    kept = kept.filter((error) => {
      if (error === oneOf) return false;
      const branch = branchOf(error.schemaPath, oneOfPath);
      return branch === undefined || !misfits.has(branch);
    });
    if (noneFits && branches === null) {
      // A name no branch accepts (a typo) is reported once, as any closed object reports it.
      for (const name of refusedByAll(errors, oneOfPath)) {
        const error = errors.find((e) => e.params.additionalProperty === name);
        if (error) kept.push({ ...error, schemaPath: oneOfPath });
      }
    }
    if (noneFits && options.length > 1 && branches === null) {
      kept.push({
        ...oneOf,
        keyword: "oneOf",
        message: `must have exactly one of ${options.map((name) => `"${name}"`).join(" or ")}`,
      });
    }
  }
  return kept;
}

/**
 * The property names that pick a branch: those a branch requires and the value lacks (`{}`), or,
 * when the value holds several (`{advance, set}`), each one some branch refuses and another
 * accepts. A name every branch refuses (a typo) picks none.
 */
function choices(errors: readonly ErrorObject[], oneOfPath: string): string[] {
  const required = new Set<string>();
  const refusedBy = new Map<string, Set<string>>();
  for (const error of errors) {
    const branch = branchOf(error.schemaPath, oneOfPath);
    if (branch === undefined) continue;
    if (error.keyword === "required") required.add(String(error.params.missingProperty));
    if (error.keyword === "additionalProperties") {
      const name = String(error.params.additionalProperty);
      refusedBy.set(name, (refusedBy.get(name) ?? new Set()).add(branch));
    }
  }
  if (required.size > 1) return [...required];
  const branches = countBranches(errors, oneOfPath);
  return [...refusedBy]
    .filter(([, by]) => by.size < branches)
    .map(([name]) => name)
    .sort();
}

/** Property names every branch of the `oneOf` refuses as additional. */
function refusedByAll(errors: readonly ErrorObject[], oneOfPath: string): string[] {
  const branches = countBranches(errors, oneOfPath);
  const refusedBy = new Map<string, Set<string>>();
  for (const error of errors) {
    const branch = branchOf(error.schemaPath, oneOfPath);
    if (branch === undefined || error.keyword !== "additionalProperties") continue;
    const name = String(error.params.additionalProperty);
    refusedBy.set(name, (refusedBy.get(name) ?? new Set()).add(branch));
  }
  // More than one: a branch whose errors sit behind a $ref is not counted, so "every counted
  // branch" alone could be one branch refusing what another accepts.
  return [...refusedBy]
    .filter(([, by]) => by.size === branches && by.size > 1)
    .map(([name]) => name);
}

/** How many distinct branches of the `oneOf` at `oneOfPath` reported an error. */
function countBranches(errors: readonly ErrorObject[], oneOfPath: string): number {
  const seen = new Set<string>();
  for (const error of errors) {
    const branch = branchOf(error.schemaPath, oneOfPath);
    if (branch !== undefined) seen.add(branch);
  }
  return seen.size;
}

/** The spec's shared schema an error came from, such as `Duration`, if any. */
function schemaName(error: ErrorObject): string | undefined {
  return /\/components\/schemas\/([^/]+)\/[^/]+$/.exec(error.schemaPath)?.[1];
}

const durationHint =
  'must be a duration: a number and a unit, such as "30s", "10m", "12h" or "90d"';

const slugHint =
  'must be a slug: 2 to 63 lowercase letters, digits and hyphens, not starting with a hyphen, such as "support-bot"';

/** One clause (after the field's pointer) saying what is wrong and what would be right. */
export function describeError(error: ErrorObject): string {
  if (schemaName(error) === "Duration") return durationHint;
  if (schemaName(error) === "Slug" && error.keyword === "pattern") return slugHint;
  const { params } = error;
  switch (error.keyword) {
    case "type": {
      const type = String(params.type);
      const article = /^[aeiou]/.test(type) ? "an" : "a";
      return `must be ${article} ${type.replace(",", " or ")}`;
    }
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "format":
      return params.format === "date-time"
        ? 'must be an RFC 3339 time, such as "2030-01-01T00:00:00Z"'
        : `must be a valid ${String(params.format)}`;
    default:
      return error.message ?? "is invalid";
  }
}

/** The problem's `detail`: the first error as a sentence, and how many more `errors[]` lists. */
export function validationDetail(errors: readonly { pointer: string; detail: string }[]): string {
  const [first] = errors;
  if (!first) return "The request does not match the API's schema.";
  const more = errors.length - 1;
  const rest = more === 0 ? "" : ` (and ${more} more problem${more === 1 ? "" : "s"} in errors)`;
  return `The request does not match the API's schema: ${first.pointer} ${first.detail}${rest}.`;
}
