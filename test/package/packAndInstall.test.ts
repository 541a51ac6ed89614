// What a new user does on a fresh clone: `npm start`, then `npm pack`, then install the tarball
// into an empty TypeScript project. The package must then have its types (checked by a strict
// `tsc`), its `latchkey` bin, and the API reference its sandbox serves at /docs.
// The clone is a copy of the tracked files (node_modules linked), so the build and pack here
// never touch the dist/ that other tests read.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appLockfile } from "./appLockfile";
import { compileCandidates, readmeBlocks } from "./readmeBlocks";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "latchkey-pack-"));
const clone = join(work, "clone");
const app = join(work, "app");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
};
// Under `npm test`, npm_lifecycle_event etc. describe the outer run; the inner npm runs its own.
for (const key of Object.keys(quietEnv)) {
  if (key.startsWith("npm_") && key !== "npm_config_update_notifier") delete quietEnv[key];
}

/** Runs a process until `pattern` appears on stdout; resolves with the match, then stops it. */
function runUntil(
  command: string,
  args: string[],
  cwd: string,
  pattern: RegExp,
  onMatch: (match: RegExpExecArray) => Promise<void>,
): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { cwd, env: quietEnv, detached: true });
    let stdout = "";
    let stderr = "";
    let matched = false;
    const timer = setTimeout(() => {
      process.kill(-(child.pid ?? 0), "SIGKILL");
      reject(new Error(`timed out waiting for ${pattern}:\n${stdout}\n${stderr}`));
    }, 300_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const match = pattern.exec(stdout);
      if (match && !matched) {
        matched = true;
        onMatch(match).then(
          // The whole group: npm, the start script and the sandbox.
          () => process.kill(-(child.pid ?? 0), "SIGTERM"),
          (error: unknown) => {
            process.kill(-(child.pid ?? 0), "SIGKILL");
            reject(error);
          },
        );
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (matched) resolve({ stdout, code });
      else reject(new Error(`exited with ${code} before ${pattern}:\n${stdout}\n${stderr}`));
    });
  });
}

const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
let tarball = "";

beforeAll(() => {
  const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  for (const file of tracked.split("\n")) {
    if (!file || file.startsWith("node_modules/") || file.startsWith("dist/")) continue;
    if (file.startsWith("docs/index.html")) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      cpSync(join(repo, file), join(clone, file));
    } catch {
      // Deleted in the working tree but still listed: a fresh clone would not have it either.
    }
  }
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"), "dir");
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("from a fresh clone", () => {
  it("npm start builds and serves the sandbox with its docs", async () => {
    await runUntil(npm, ["start", "--", "--port", "0", "--quiet"], clone, listening, async (m) => {
      const docs = await fetch(`${m[1]}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("<title>latchkey");
    });
    // Types too: what `npm pack` would ship right now is a full build.
    expect(readFileSync(join(clone, "dist", "index.d.ts"), "utf8")).toContain("createClient");
    // A full build (ESM with the CLI, CJS, both sets of types, the docs) on a busy 2-core machine.
  }, 360_000);

  it("then npm pack ships dist with types, the bin and the built docs", () => {
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", work], {
      cwd: clone,
      env: quietEnv,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [packed] = JSON.parse(out.slice(out.indexOf("["))) as [
      { filename: string; files: { path: string }[] },
    ];
    tarball = join(work, packed.filename);
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/index.d.ts",
        "dist/index.d.cts",
        "dist/mock.d.ts",
        "dist/mock.d.cts",
        "dist/cli.js",
        "docs/index.html.gz",
        "openapi.yaml",
      ]),
    );
  }, 180_000);
});

describe("the tarball installed into an empty TypeScript project", () => {
  beforeAll(() => {
    if (!tarball) throw new Error("npm pack did not run");
    mkdirSync(app, { recursive: true });
    const manifest = {
      name: "app",
      version: "1.0.0",
      private: true,
      type: "module",
      dependencies: { latchkey: `file:${tarball}` },
    };
    writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));
    // Pinned to the versions this repo's lockfile holds, so `npm ci` can install from the local
    // cache (filled by the repo's own `npm ci`) and reach the registry only for what it lacks.
    const lock = appLockfile(readFileSync(join(repo, "package-lock.json"), "utf8"), manifest);
    writeFileSync(join(app, "package-lock.json"), JSON.stringify(lock, null, 2));
    execFileSync(npm, ["ci", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: app,
      env: quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
  }, 180_000);

  it("type-checks an app using the SDK and the sandbox under strict tsc", () => {
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ["es2022", "dom"],
          types: [],
        },
        include: ["app.ts", "everyResourceMethod.ts", "run.ts"],
      }),
    );
    // Every resource method, as an app written against the package would call them.
    cpSync(join(repo, "test/consumer/everyResourceMethod.ts"), join(app, "everyResourceMethod.ts"));
    writeFileSync(join(app, "run.ts"), runEveryResourceMethod);
    writeFileSync(
      join(app, "app.ts"),
      [
        'import { createClient, unwrap } from "latchkey";',
        'import { createSandbox } from "latchkey/mock";',
        "const sandbox = createSandbox();",
        "const { owner } = await sandbox.createWorkspace();",
        "const client = createClient({",
        '  baseUrl: "http://127.0.0.1:4010",',
        "  fetch: sandbox.fetch,",
        "  credentials: owner.user_key.secret,",
        "});",
        'const agents = await unwrap(client.GET("/v1/agents", { params: { query: { limit: 5 } } }));',
        "const names: string[] = agents.data.map((agent) => agent.name);",
        "// @ts-expect-error: the path is not in the spec, so the typed client refuses it",
        'await client.GET("/v1/nowhere");',
        "export { names };",
        "",
      ].join("\n"),
    );
    const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSyncText(process.execPath, [tsc, "-p", "."], app);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);

  it("runs every resource method in-process and against its own `latchkey sandbox`", async () => {
    const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
    const emit = ["-p", ".", "--noEmit", "false", "--outDir", "out"];
    expect(spawnSyncText(process.execPath, [tsc, ...emit], app).output).toBe("");
    const bin = join(app, "node_modules", ".bin", "latchkey");
    await runUntil(bin, ["sandbox", "--port", "0", "--quiet"], app, listening, async (m) => {
      const run = spawnSyncText(process.execPath, [join(app, "out", "run.js"), m[1] ?? ""], app);
      expect(run.output.trim()).toBe('{"inProcess":20,"standalone":20}');
    });
  }, 120_000);

  it("has a latchkey bin that runs the sandbox and serves /docs", async () => {
    const bin = join(app, "node_modules", ".bin", "latchkey");
    expect(spawnSyncText(bin, ["--version"], app).output.trim()).toBe(
      JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version,
    );
    await runUntil(bin, ["sandbox", "--port", "0", "--quiet"], app, listening, async (m) => {
      const docs = await fetch(`${m[1]}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("<title>latchkey");
    });
  }, 60_000);
});

/** The consumer's entry: `node out/run.js <standalone sandbox URL>`. */
const runEveryResourceMethod = `import { createSandbox } from "latchkey/mock";
import { everyResourceMethod } from "./everyResourceMethod.js";
declare const process: { argv: string[] };
const sandbox = createSandbox();
const inProcess = await everyResourceMethod(
  "http://127.0.0.1:4010",
  await sandbox.createWorkspace(),
  sandbox.fetch,
);
const url = process.argv[2] ?? "";
const reply = await fetch(\`\${url}/_sandbox/workspaces\`, { method: "POST" });
const standalone = await everyResourceMethod(url, await reply.json());
console.log(JSON.stringify({ inProcess: inProcess.length, standalone: standalone.length }));
`;

describe("README.md in the consumer project", () => {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const blocks = readmeBlocks(readme);
  const firstApp = blocks.filter((block) => block.section === "Your first app");
  const readmeApp = join(work, "readme-app");
  const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");

  beforeAll(() => {
    if (!tarball) throw new Error("npm pack did not run");
    // The README's own package.json and tsconfig.json, as written, over the installed tarball.
    // What its blocks use besides latchkey (Node's types, msw, vitest, tsx) is linked from this
    // repository's node_modules: the versions its own tests run with.
    const [manifest, tsconfig] = firstApp.filter((block) => block.lang === "json");
    mkdirSync(readmeApp, { recursive: true });
    writeFileSync(join(readmeApp, "package.json"), manifest?.code ?? "");
    writeFileSync(join(readmeApp, "tsconfig.json"), tsconfig?.code ?? "");
    for (const name of ["@types/node", "msw", "vitest", "tsx"]) {
      const link = join(app, "node_modules", name);
      if (existsSync(link)) continue;
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(repo, "node_modules", name), link, "dir");
    }
    symlinkSync(join(app, "node_modules"), join(readmeApp, "node_modules"), "dir");
  });

  it("has a first app: package.json with type module, a tsconfig and one ts file", () => {
    expect(firstApp.map((block) => block.lang)).toEqual(["json", "sh", "json", "ts"]);
    expect(JSON.parse(firstApp[0]?.code ?? "{}")).toMatchObject({ type: "module" });
  });

  it("compiles every ts block strictly, on its own or after the blocks above it", () => {
    const candidates = compileCandidates(blocks);
    const file = (index: number) => `block-${index + 1}.ts`;
    /** One tsc run over the given sources (each a module of its own); the files it faulted. */
    const compile = (sources: Map<number, string>) => {
      for (const [index, source] of sources) writeFileSync(join(readmeApp, file(index)), source);
      const result = spawnSyncText(process.execPath, [tsc, "-p", "."], readmeApp);
      for (const index of sources.keys()) rmSync(join(readmeApp, file(index)));
      const failed = [...sources.keys()].filter((index) =>
        result.output.includes(`${file(index)}(`),
      );
      return { failed, output: result.output, status: result.status };
    };
    // First every block on its own (one tsc run); then each that failed after those above it.
    const alone = compile(
      new Map(candidates.map(({ sources }, index) => [index, sources[0] ?? ""])),
    );
    expect(alone.failed.length > 0 || alone.status === 0, alone.output).toBe(true);
    const retry = new Map(
      alone.failed.flatMap((index) => {
        const cumulative = candidates[index]?.sources[1];
        return cumulative === undefined ? [] : [[index, cumulative] as const];
      }),
    );
    const after = retry.size > 0 ? compile(retry) : { failed: [] as number[], output: "" };
    const failures = alone.failed
      .filter((index) => !retry.has(index) || after.failed.includes(index))
      .map((index) => `block ${index + 1} of "${candidates[index]?.block.section}"`);
    expect(failures, `${alone.output}\n${after.output}`).toEqual([]);
  }, 300_000);

  it("runs the first app as written", () => {
    writeFileSync(join(readmeApp, "app.ts"), firstApp.at(-1)?.code ?? "");
    const tsx = join(readmeApp, "node_modules", "tsx", "dist", "cli.mjs");
    const result = spawnSyncText(process.execPath, [tsx, "app.ts"], readmeApp);
    expect(result.status).toBe(0);
    expect(result.output).toContain("session in workspace");
    expect(result.output).toContain("agent agent-one");
    expect(result.output).toContain("echo: Hello");
  }, 60_000);
});

describe("the optional Redis client", () => {
  it("is not installed with latchkey, and --store says how to install it", () => {
    const bin = join(app, "node_modules", ".bin", "latchkey");
    const result = spawnSyncText(
      bin,
      ["sandbox", "--port", "0", "--store", "redis://127.0.0.1:1"],
      app,
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain("npm install @redis/client");
  });
});

function spawnSyncText(command: string, args: string[], cwd: string) {
  try {
    const output = execFileSync(command, args, { cwd, env: quietEnv, encoding: "utf8" });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}
