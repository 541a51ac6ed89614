// The parts of key records that many keys hold alike, kept once. A key made over HTTP arrives with
// its own copies of them, parsed from its request: the scope list (an array and a string per
// scope), the owner object and the workspace id cut from the path. Held 100,000 times, those
// copies were about a third of the heap the keys took (bench:sandbox's memory figure; the README's
// Performance section has the numbers).
import { type Scope, scopes as specScopes } from "../../src/generated/security.js";
import type { KeyRecord } from "./types.js";

type Owner = KeyRecord["owner"];

/** The spec's scope strings, so a list read from JSON points at these instead of its own. */
const scopeStrings = new Map<string, Scope>(specScopes.map((scope) => [scope, scope]));

export class SharedKeyParts {
  readonly #lists = new Map<string, Scope[]>();
  readonly #owners = new Map<string, Owner>();

  /**
   * `key` with its scope list, owner and workspace id replaced by shared equal values, or `key`
   * itself when it holds them already. `workspaceId` is the store's own copy of that id, if any.
   * The shared list and owner are frozen: no record may change them in place.
   */
  share(key: KeyRecord, workspaceId: string | undefined): KeyRecord {
    const scopes = this.#list(key.scopes);
    const owner = this.#owner(key.owner);
    const inWorkspace = workspaceId ?? key.workspaceId;
    if (scopes === key.scopes && owner === key.owner && inWorkspace === key.workspaceId) return key;
    return { ...key, scopes, owner, workspaceId: inWorkspace };
  }

  /** Forgets every shared value (the store was emptied). */
  clear(): void {
    this.#lists.clear();
    this.#owners.clear();
  }

  #list(scopes: Scope[]): Scope[] {
    const name = scopes.join(" ");
    let shared = this.#lists.get(name);
    if (shared === undefined) {
      shared = Object.freeze(scopes.map((scope) => scopeStrings.get(scope) ?? scope)) as Scope[];
      this.#lists.set(name, shared);
    }
    return shared;
  }

  #owner(owner: Owner): Owner {
    const name = `${owner.type} ${owner.id}`;
    let shared = this.#owners.get(name);
    if (shared === undefined) {
      shared = Object.freeze({ type: owner.type, id: owner.id });
      this.#owners.set(name, shared);
    }
    return shared;
  }
}
