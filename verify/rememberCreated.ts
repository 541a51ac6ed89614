// Against a config target the tool removes what its cells created: a 2xx from a create whose
// collection has a DELETE is remembered with the credential that created it.
import type { Answer } from "./checkAnswer.js";
import type { SpecOperation } from "./specModel.js";
import { collectionOf, type Targets } from "./targets.js";
import type { CellRequest } from "./types.js";

export function rememberCreated(
  operations: readonly SpecOperation[],
  op: SpecOperation,
  request: CellRequest,
  answer: Answer,
  targets: Targets,
): void {
  if (op.method !== "post" || answer.status !== 201 || answer.text === null) return;
  const remove = operations.find(
    (d) => d.method === "delete" && collectionOf(d.path)?.collection === op.path,
  );
  const credential = request.secrets[0];
  if (!remove || !credential) return;
  let id: unknown;
  try {
    id = (JSON.parse(answer.text) as { id?: unknown }).id;
  } catch {
    return;
  }
  if (typeof id !== "string") return;
  const path = request.path.split("?")[0] as string;
  targets.createdByCells.push({ path: `${path}/${encodeURIComponent(id)}`, credential });
}
