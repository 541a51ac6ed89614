// A journal entry as a person reads it in a test's output: the answer, what was sent, and the
// chain of checks with the deciding one marked. Entries hold no secret (the journal redacts), so
// neither does this.
import type { RequestEntry } from "../engine/journal/createRequestJournal.js";

const MARKS = { pass: "✓", fail: "✗", skip: "·" } as const;

export function formatEntry(entry: RequestEntry): string {
  const credential = entry.credential
    ? `${entry.credential.kind ?? "unknown credential"} in ${entry.credential.presented_in}${entry.credential.start ? ` (${entry.credential.start}…)` : ""}`
    : "no credential";
  const agent = entry.agent_context
    ? `, as ${entry.agent_context.agent_id} (${entry.agent_context.source})`
    : "";
  const head = `${entry.status}${entry.code ? ` ${entry.code}` : ""}  ${entry.method} ${entry.path}  ${entry.operation_id ?? "-"}  ${credential}${agent}  ${entry.id}`;
  const steps = entry.decision.map(
    (step) => `    ${MARKS[step.outcome]} ${step.check.padEnd(19)} ${step.detail}`,
  );
  return [`  ${head}`, ...steps].join("\n");
}
