// The matrix: every secured operation × every scheme it accepts × every credential the
// fixtures hold (each kind, each role, exact scopes and one missing) × own or another tenant's
// ids × every broken state of every kind × the request-level mistakes (none, Basic, two
// credentials, a key in the query string). Each cell carries what the spec says it must get.
import type { SchemeName } from "../src/generated/security.js";
import { derivedStates as credentialStates } from "./credentialStates.js";
import {
  credentialsMissing,
  expectValid,
  invalidRequest,
  invalidToken,
  type Situation,
} from "./expect.js";
import { fillPath } from "./fillPath.js";
import type { Fixtures } from "./fixtures/Fixtures.js";
import { otherHeaderScheme, type Placement, placeCredential } from "./placeCredential.js";
import type { SpecOperation } from "./specModel.js";
import { changesTarget, collectionOf, rotates, type Targets } from "./targets.js";
import type { Caller, Cell, CellLabel, CellRequest, CredentialKind, Expected } from "./types.js";
import { uniqueBody } from "./uniqueBody.js";

export interface Matrix {
  cells: Cell[];
  skipped: Map<string, number>;
}

const STATE_CODES: Record<string, string> = {
  revoked: "token_revoked",
  "retired by rotation": "token_revoked",
  expired: "token_expired",
};

function scopeLabel(caller: Caller, required: readonly string[]): string {
  if (caller.scopes === null) return "-";
  const missing = required.find((scope) => !caller.scopes?.includes(scope as never));
  if (missing) return `lacks ${missing}`;
  return caller.scopes.length === required.length ? "exact" : "holds";
}

export function buildMatrix(
  operations: readonly SpecOperation[],
  fixtures: Fixtures,
  targets: Targets,
  options: { allowWrites: boolean; only: ReadonlySet<string> | null },
): Matrix {
  const cells: Cell[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const [own, otherTenant] = fixtures.tenants;
  if (!own || !otherTenant) throw new Error("two tenants are needed");
  const primary = fixtures.callers.find((c) => c.label === "user_key:owner") ?? fixtures.callers[0];
  const second = fixtures.callers.find((c) => c.kind === "workspace_key");
  if (!primary) throw new Error("no caller");
  const validOfKind = new Map<CredentialKind, Caller>();
  for (const caller of fixtures.callers)
    if (!validOfKind.has(caller.kind)) validOfKind.set(caller.kind, caller);

  const writesOk = (op: SpecOperation) =>
    fixtures.target === "sandbox" ||
    options.allowWrites ||
    op.method === "get" ||
    changesTarget(op) ||
    operations.some((d) => d.method === "delete" && collectionOf(d.path)?.collection === op.path);

  for (const op of operations) {
    if (options.only && !options.only.has(op.id)) continue;
    const add = (
      scheme: string,
      caller: Caller | null,
      label: Omit<CellLabel, "scheme">,
      expected: Expected,
      placement: Placement & { secrets: string[] },
      phase: Cell["phase"] = "main",
    ) => {
      if (!writesOk(op)) return skip("changes data the tool did not create (needs --allow-writes)");
      const other = label.tenant === "other";
      const freshTarget = expected.status < 300 && changesTarget(op) && caller !== null;
      const request = async (): Promise<CellRequest> => {
        const values =
          freshTarget && caller
            ? await targets.fresh(op, caller)
            : targets.shared(op, other ? 1 : 0, caller);
        let tenant = other ? otherTenant : own;
        if (other && caller?.resource) {
          tenant = own;
          values.jobId = own.jobIds[1] ?? "";
          values.agentId = own.files[1]?.agentId ?? "";
          values.filename = own.files[1]?.filename ?? "";
        }
        if (other && op.pathParams.includes("agentSlug")) {
          tenant = own;
          values.agentSlug = own.agents[1]?.slug ?? "";
        }
        const query = new URLSearchParams(placement.query).toString();
        const headers: Record<string, string> = {
          accept: "application/json, application/problem+json, */*",
          ...placement.headers,
        };
        if (op.security.agentContext === "required")
          headers["x-agent-id"] = tenant.agents[0]?.id ?? "";
        let body: string | undefined;
        if (op.body !== undefined) {
          body = JSON.stringify(uniqueBody(op));
          headers["content-type"] = "application/json";
        }
        const path = fillPath(op.path, tenant, values) + (query ? `?${query}` : "");
        return { path, headers, body, secrets: placement.secrets };
      };
      cells.push({
        id: cells.length + 1,
        operation: op.id,
        method: op.method,
        label: { scheme, ...label },
        expected,
        phase,
        request,
      });
    };
    const schemesOf: SchemeName[] = [
      ...op.headerSchemes,
      ...(op.queryScheme ? [op.queryScheme] : []),
    ];
    for (const scheme of schemesOf) {
      const required = op.security.schemes[scheme] ?? [];
      const inQuery = scheme === op.queryScheme;
      const situation = (isOther: boolean): Situation => ({
        scheme,
        other: isOther,
        teamMemberIds: own.teamMemberIds,
        // Creating a key, or rotating one (which hands out its new secret), is held to the
        // creator's scopes.
        createsKind:
          op.successStatus === 201 || rotates(op)
            ? ((fixtures.keyKindByCollection.get(
                rotates(op) ? (collectionOf(op.path)?.collection ?? "") : op.path,
              ) as CredentialKind | undefined) ?? null)
            : null,
      });
      const placed = (secret: string) => ({
        ...placeCredential(scheme, secret),
        secrets: [secret],
      });

      // Valid credentials of every kind, role and scope set, own tenant and then another's.
      for (const caller of fixtures.callers) {
        if (inQuery && !(caller.kind === "download_token" || caller.kind === "stream_token"))
          continue;
        if (caller.label.includes("[")) {
          const set = caller.scopes ?? [];
          const fits =
            set.length <= required.length &&
            set.every((s) => required.includes(s)) &&
            required.length - set.length <= 1;
          if (!fits) continue;
        }
        const labelBase = {
          credential: caller.label,
          scope: scopeLabel(caller, required),
          state: "valid",
        };
        const expected = expectValid(operations, op, caller, situation(false));
        if (expected === null) {
          skip("the spec does not say what this credential holds");
          continue;
        }
        add(scheme, caller, { ...labelBase, tenant: "own" }, expected, placed(caller.secret));
        const hasIds = op.pathParams.length > 0 || op.security.agentContext === "required";
        if (expected.status < 300 && hasIds) {
          const onOther = expectValid(operations, op, caller, situation(true));
          if (onOther)
            add(scheme, caller, { ...labelBase, tenant: "other" }, onOther, placed(caller.secret));
        }
      }

      // Broken credentials: made through the API, and derived from valid ones by their text.
      for (const broken of fixtures.broken) {
        if (
          inQuery &&
          !(broken.caller.kind === "download_token" || broken.caller.kind === "stream_token")
        )
          continue;
        const code = STATE_CODES[broken.state] ?? "token_unknown";
        add(
          scheme,
          null,
          { credential: broken.caller.label, scope: "-", tenant: "own", state: broken.state },
          invalidToken(code),
          placed(broken.caller.secret),
          broken.phase,
        );
      }
      for (const [kind, caller] of validOfKind) {
        if (inQuery && !(kind === "download_token" || kind === "stream_token")) continue;
        for (const state of credentialStates(kind, caller.secret)) {
          add(
            scheme,
            null,
            { credential: kind, scope: "-", tenant: "own", state: state.state },
            state.expected,
            placed(state.secret),
          );
        }
      }

      // Request-level mistakes.
      if (inQuery) {
        // An API key where only a signed token may go.
        add(
          scheme,
          null,
          { credential: primary.label, scope: "-", tenant: "own", state: "key in query" },
          invalidRequest,
          placed(primary.secret),
        );
        continue;
      }
      if (second) {
        const also = otherHeaderScheme(scheme, op.headerSchemes);
        const a = placeCredential(scheme, primary.secret);
        const b = placeCredential(also, second.secret);
        add(
          scheme,
          null,
          {
            credential: `${primary.label} + ${second.label}`,
            scope: "-",
            tenant: "own",
            state: "two credentials",
          },
          invalidRequest,
          {
            headers: { ...b.headers, ...a.headers },
            query: {},
            secrets: [primary.secret, second.secret],
          },
        );
      }
    }
    // Once per operation: nothing at all, a non-Bearer Authorization alone, a key in the URL.
    const none = { headers: {}, query: {}, secrets: [] };
    add(
      "none",
      null,
      { credential: "none", scope: "-", tenant: "own", state: "no credential" },
      credentialsMissing,
      none,
    );
    const basic = "dmVyaWZ5OnZlcmlmeQ==";
    add(
      "Authorization: Basic",
      null,
      { credential: "basic", scope: "-", tenant: "own", state: "other auth scheme" },
      credentialsMissing,
      {
        headers: { authorization: `Basic ${basic}` },
        query: {},
        secrets: [basic],
      },
    );
    add(
      "query access_token",
      null,
      { credential: primary.label, scope: "-", tenant: "own", state: "key in query" },
      invalidRequest,
      {
        headers: {},
        query: { access_token: primary.secret },
        secrets: [primary.secret],
      },
    );
  }
  return { cells, skipped };
}
