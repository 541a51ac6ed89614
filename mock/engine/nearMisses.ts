// The operations a request probably meant, for the detail of a 404 or 405 (WireMock's "near
// misses"). Only on the refused path: it compares the path against every template of the spec.
import { type RouteMethod, routes } from "../../src/generated/routes.js";

/** Edit distance of two short strings (path segments). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(
        Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** How far a path is from a template: 0 when it matches, about 1 per wrong or missing segment. */
function cost(segments: readonly string[], template: readonly string[]): number {
  let total = Math.abs(segments.length - template.length);
  const shared = Math.min(segments.length, template.length);
  for (let i = 0; i < shared; i++) {
    const want = template[i] as string;
    const got = segments[i] as string;
    if (want.startsWith("{") ? got !== "" : want === got) continue;
    total += distance(got, want) / Math.max(got.length, want.length, 1);
  }
  return total;
}

const templates = Object.entries(routes).map(([path, methods]) => ({
  path,
  segments: path.split("/").slice(1),
  methods: Object.keys(methods) as RouteMethod[],
}));

/**
 * Up to three `METHOD /template` the request came closest to, best first: the templates within
 * `maxCost` (about one segment by default; 0 for a 405, whose path is known) of its path, the same
 * method first. Empty when nothing is close.
 */
export function nearMisses(method: string, pathname: string, maxCost = 1): string[] {
  const segments = pathname.split("/").slice(1);
  const scored = templates
    .map((template) => ({ template, cost: cost(segments, template.segments) }))
    .filter(({ cost }) => cost <= maxCost)
    .sort((a, b) => a.cost - b.cost);
  const out: string[] = [];
  for (const { template } of scored) {
    const methods = template.methods.includes(method as RouteMethod)
      ? [method, ...template.methods.filter((m) => m !== method)]
      : template.methods;
    for (const m of methods) out.push(`${m} ${template.path}`);
  }
  return out.slice(0, 3);
}

/** ` Did you mean GET /v1/agents/{agentId}?`, or "" when nothing is close. */
export function didYouMean(method: string, pathname: string, maxCost = 1): string {
  const misses = nearMisses(method, pathname, maxCost);
  return misses.length === 0 ? "" : ` Did you mean ${misses.join(" or ")}?`;
}
