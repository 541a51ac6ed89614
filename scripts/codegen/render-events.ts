import { SpecError } from "./derive-security";
import { listOperations, type OpenAPIDocument } from "./openapi-types";

const SCHEMA_REF = /^#\/components\/schemas\/([A-Za-z0-9_.-]+)$/;

/**
 * Renders `src/generated/events.ts` from each response's `x-sse-events` (event name → `$ref` of
 * the JSON its `data:` line carries): the typed event union of every event-stream operation.
 */
export function renderEvents(doc: OpenAPIDocument): string {
  const streams: Record<string, Record<string, string>> = {};
  for (const ref of listOperations(doc)) {
    for (const response of Object.values(ref.operation.responses ?? {})) {
      const content = (response as { content?: Record<string, Record<string, unknown>> }).content;
      for (const media of Object.values(content ?? {})) {
        // On the media type, or on its schema (where the spec keeps it, beside the description).
        const events =
          media["x-sse-events"] ??
          (media.schema as Record<string, unknown> | undefined)?.["x-sse-events"];
        if (events === undefined) continue;
        const id = ref.operation.operationId as string;
        const where = `${ref.method.toUpperCase()} ${ref.path}`;
        if (typeof events !== "object" || events === null) {
          throw new SpecError(`${where}: x-sse-events must map event names to schemas`);
        }
        streams[id] = {};
        for (const [name, schema] of Object.entries(events)) {
          const target = (schema as { $ref?: unknown } | null)?.$ref;
          const match = typeof target === "string" ? SCHEMA_REF.exec(target) : null;
          if (!match) throw new SpecError(`${where}: x-sse-events.${name} must $ref a schema`);
          (streams[id] as Record<string, string>)[name] = match[1] as string;
        }
      }
    }
  }
  const types = Object.entries(streams)
    .map(([id, events]) => {
      const fields = Object.entries(events)
        .map(([name, schema]) => `    ${JSON.stringify(name)}: Schemas[${JSON.stringify(schema)}];`)
        .join("\n");
      return `  ${JSON.stringify(id)}: {\n${fields}\n  };`;
    })
    .join("\n");
  const names = Object.fromEntries(Object.entries(streams).map(([id, e]) => [id, Object.keys(e)]));
  return `import type { components } from "./schema";

type Schemas = components["schemas"];

/** Per event-stream operation (\`x-sse-events\`): event name → the JSON of its \`data:\` line. */
export interface SseEvents {
${types}
}

/** One event of an operation's stream, as a parser delivers it. */
export type SseEvent<Op extends keyof SseEvents> = {
  [E in keyof SseEvents[Op]]: { event: E; data: SseEvents[Op][E]; id: string };
}[keyof SseEvents[Op]];

/** The event names of each stream, so a parser can skip events the spec does not declare. */
export const sseEventNames = ${JSON.stringify(names, null, 2)} as const satisfies {
  readonly [Op in keyof SseEvents]: readonly (keyof SseEvents[Op])[];
};
`;
}
