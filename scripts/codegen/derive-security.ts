import {
  describeOperation,
  type HttpMethod,
  httpMethods,
  listOperations,
  type OpenAPIDocument,
  type OperationRef,
  type SecurityRequirement,
  unsupportedMethods,
} from "./openapi-types";

export interface SchemeLocation {
  type: "http" | "apiKey";
  in: "header" | "query" | "cookie";
  name: string;
}

export interface DerivedOperation {
  method: HttpMethod;
  path: string;
  schemes: Record<string, string[]>;
  credentials: string[];
  agentContext: "required" | "optional" | "none";
  sandboxOnly: boolean;
  public: boolean;
}

export interface SecurityTable {
  scopes: string[];
  credentialKinds: string[];
  schemes: Record<string, SchemeLocation>;
  roles: Record<string, string[]>;
  tokenPatterns: Record<string, string>;
  tokenPrefixes: Record<string, string>;
  headerSchemes: Record<string, string>;
  singleValuedHeaders: string[];
  secretQueryParameters: string[];
  operations: Record<string, DerivedOperation>;
}

/** A contract mistake the generator refuses to paper over; the message names where it is. */
export class SpecError extends Error {
  override name = "SpecError";
}

/**
 * Reads the security declarations the SDK and the sandbox both act on. Anything ambiguous is an
 * error rather than a default, because a silently wrong table means an endpoint guarded by the
 * wrong rule in the sandbox and the wrong header sent by the SDK.
 */
export function deriveSecurity(doc: OpenAPIDocument): SecurityTable {
  const scopes = Object.keys(doc["x-scopes"] ?? {});
  const kinds = doc["x-credential-kinds"] ?? {};
  const credentialKinds = Object.keys(kinds);
  if (scopes.length === 0) throw new SpecError("openapi.yaml: the root `x-scopes` map is missing");
  if (credentialKinds.length === 0) {
    throw new SpecError("openapi.yaml: the root `x-credential-kinds` map is missing");
  }

  const tokenPatterns: Record<string, string> = {};
  const tokenPrefixes: Record<string, string> = {};
  for (const [kind, spec] of Object.entries(kinds)) {
    const pattern = spec?.["x-token-pattern"];
    if (typeof pattern !== "string") {
      throw new SpecError(`x-credential-kinds.${kind}: \`x-token-pattern\` must be a string`);
    }
    try {
      new RegExp(pattern, "u");
    } catch (cause) {
      throw new SpecError(`x-credential-kinds.${kind}: invalid x-token-pattern (${cause})`);
    }
    tokenPatterns[kind] = pattern;
    tokenPrefixes[kind] = literalPrefix(kind, pattern);
  }

  const roles: Record<string, string[]> = {};
  for (const [role, value] of Object.entries(doc["x-roles"] ?? {})) {
    const granted = Array.isArray(value) ? value : (value as { scopes?: unknown })?.scopes;
    if (!Array.isArray(granted)) throw new SpecError(`x-roles.${role}: expected a list of scopes`);
    for (const scope of granted) {
      if (!scopes.includes(scope)) {
        throw new SpecError(`x-roles.${role}: scope '${scope}' is not declared in x-scopes`);
      }
    }
    roles[role] = granted;
  }

  const schemes: Record<string, SchemeLocation> = {};
  for (const [name, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
    if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") {
      schemes[name] = { type: "http", in: "header", name: "Authorization" };
    } else if (
      scheme.type === "apiKey" &&
      (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie") &&
      scheme.name
    ) {
      schemes[name] = { type: "apiKey", in: scheme.in, name: scheme.name };
    } else {
      throw new SpecError(`securitySchemes.${name}: only http bearer and apiKey are supported`);
    }
  }

  const headerSchemes: Record<string, string> = {};
  for (const [name, location] of Object.entries(schemes)) {
    if (location.in === "header") headerSchemes[location.name] = name;
  }
  const singleValuedHeaders = [
    ...new Set([...Object.keys(headerSchemes), ...headerParameterNames(doc)]),
  ];
  const extraSecrets = doc["x-secret-query-parameters"] ?? [];
  if (!Array.isArray(extraSecrets) || extraSecrets.some((name) => typeof name !== "string")) {
    throw new SpecError("x-secret-query-parameters: expected a list of parameter names");
  }
  const secretQueryParameters = [
    ...new Set([
      ...Object.values(schemes)
        .filter((location) => location.in === "query")
        .map((location) => location.name),
      ...(extraSecrets as string[]),
    ]),
  ];

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of unsupportedMethods) {
      if (item[method]) throw new SpecError(`${method.toUpperCase()} ${path}: unsupported method`);
    }
  }

  const context = { scopes, credentialKinds, schemes, rootSecurity: doc.security };
  const operations: Record<string, DerivedOperation> = {};
  for (const ref of listOperations(doc)) {
    const id = ref.operation.operationId;
    if (!id) throw new SpecError(`${describeOperation(ref)}: operationId is missing`);
    if (id in operations) throw new SpecError(`${describeOperation(ref)}: duplicate operationId`);
    operations[id] = deriveOperation(ref, context);
  }
  return {
    scopes,
    credentialKinds,
    schemes,
    roles,
    tokenPatterns,
    tokenPrefixes,
    headerSchemes,
    singleValuedHeaders,
    secretQueryParameters,
    operations,
  };
}

/**
 * Every header parameter of the spec, by name: each holds one value (no parameter declares a
 * list), so a request that repeats one is ambiguous. `$ref`s point into components.parameters.
 */
function headerParameterNames(doc: OpenAPIDocument): string[] {
  const shared = (doc.components?.parameters ?? {}) as Record<
    string,
    { in?: string; name?: string }
  >;
  const lists: unknown[][] = [Object.values(shared)];
  for (const item of Object.values(doc.paths ?? {})) {
    lists.push(item.parameters ?? []);
    for (const method of httpMethods) lists.push(item[method]?.parameters ?? []);
  }
  const names: string[] = [];
  for (const entry of lists.flat()) {
    const parameter = entry as { in?: string; name?: string };
    if (parameter.in === "header" && typeof parameter.name === "string") names.push(parameter.name);
  }
  return names.sort();
}

/**
 * The fixed text every token of a kind starts with (`lk_usr_`, `eyJ`): the pattern's literal
 * start, up to its first metacharacter. A pattern without one cannot be told apart by prefix.
 */
function literalPrefix(kind: string, pattern: string): string {
  const prefix = /^\^([A-Za-z0-9_]+)/.exec(pattern)?.[1];
  if (!prefix) {
    throw new SpecError(
      `x-credential-kinds.${kind}: x-token-pattern must start with ^ and a literal prefix`,
    );
  }
  return prefix;
}

interface Context {
  scopes: string[];
  credentialKinds: string[];
  schemes: Record<string, SchemeLocation>;
  rootSecurity: SecurityRequirement[] | undefined;
}

function deriveOperation(ref: OperationRef, context: Context): DerivedOperation {
  const where = describeOperation(ref);
  const { operation, pathItem } = ref;
  const security = operation.security ?? context.rootSecurity;
  if (!Array.isArray(security)) throw new SpecError(`${where}: no \`security\` declared`);

  const schemes: Record<string, string[]> = {};
  for (const requirement of security) {
    const names = Object.keys(requirement);
    if (names.length !== 1) {
      throw new SpecError(`${where}: each security requirement must name exactly one scheme`);
    }
    const name = names[0] as string;
    if (!(name in context.schemes)) throw new SpecError(`${where}: unknown scheme '${name}'`);
    const required = requirement[name] ?? [];
    for (const scope of required) {
      if (!context.scopes.includes(scope)) {
        throw new SpecError(`${where}: scope '${scope}' is not declared in x-scopes`);
      }
    }
    schemes[name] = [...required];
  }
  const isPublic = security.length === 0;

  const rawCredentials = operation["x-credentials"] ?? [];
  if (!Array.isArray(rawCredentials)) throw new SpecError(`${where}: x-credentials must be a list`);
  for (const kind of rawCredentials) {
    if (!context.credentialKinds.includes(kind)) {
      throw new SpecError(`${where}: credential kind '${kind}' is not in x-credential-kinds`);
    }
  }
  if (!isPublic && rawCredentials.length === 0) {
    throw new SpecError(`${where}: secured operation without \`x-credentials\``);
  }
  if (isPublic && rawCredentials.length > 0) {
    throw new SpecError(`${where}: public operation (\`security: []\`) lists x-credentials`);
  }

  const agentContext = operation["x-agent-context"] ?? "none";
  if (agentContext !== "required" && agentContext !== "optional" && agentContext !== "none") {
    throw new SpecError(`${where}: x-agent-context must be 'required' or 'optional'`);
  }
  const sandboxOnly = operation["x-sandbox-only"] ?? pathItem["x-sandbox-only"] ?? false;
  if (typeof sandboxOnly !== "boolean") {
    throw new SpecError(`${where}: x-sandbox-only must be a boolean`);
  }

  return {
    method: ref.method,
    path: ref.path,
    schemes,
    credentials: rawCredentials as string[],
    agentContext,
    sandboxOnly,
    public: isPublic,
  };
}
