// A package-lock for a one-dependency app (latchkey from a tarball), pinning latchkey's runtime
// dependencies to the entries of this repo's own lockfile: `npm ci` then needs no registry
// metadata, and installs from the cache the repo's `npm ci` filled.

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optional?: boolean;
  [key: string]: unknown;
}

interface Manifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

export function appLockfile(repoLockText: string, app: Manifest): unknown {
  const repoLock = JSON.parse(repoLockText) as { packages: Record<string, LockEntry> };
  const root = repoLock.packages[""] as LockEntry;
  const packages: Record<string, LockEntry> = {
    "": { name: app.name, version: app.version, dependencies: app.dependencies },
    "node_modules/latchkey": {
      version: String(root.version),
      resolved: app.dependencies.latchkey,
      dependencies: root.dependencies,
      peerDependencies: root.peerDependencies,
      peerDependenciesMeta: root.peerDependenciesMeta,
      engines: root.engines,
      bin: root.bin,
      license: root.license,
    },
  };
  // Walk the dependency graph the way Node resolves it: nested node_modules first, then up.
  const pending: Array<[string, string]> = Object.keys(root.dependencies ?? {}).map((name) => [
    "node_modules/latchkey",
    name,
  ]);
  while (pending.length > 0) {
    const [from, name] = pending.pop() as [string, string];
    let key: string | undefined;
    for (let at = from; ; at = at.slice(0, at.lastIndexOf("/node_modules/"))) {
      const candidate = `${at === "node_modules/latchkey" ? "" : `${at}/`}node_modules/${name}`;
      if (repoLock.packages[candidate]) {
        key = candidate;
        break;
      }
      if (!at.includes("/node_modules/")) break;
    }
    key ??= `node_modules/${name}`;
    const entry = repoLock.packages[key];
    if (!entry) throw new Error(`${name} (needed by ${from}) is not in package-lock.json`);
    if (packages[key]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
    packages[key] = kept;
    for (const dependency of Object.keys(entry.dependencies ?? {})) pending.push([key, dependency]);
  }
  return { name: app.name, version: app.version, lockfileVersion: 3, requires: true, packages };
}
