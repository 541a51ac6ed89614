// An independent judge of the contract: Stoplight Prism as a validating proxy in front of
// `latchkey sandbox`. Every response of a full run (every operation, plus the usual mistakes)
// must pass Prism's response validation; it reports violations in the `sl-violations` header.
// Request violations are expected in the negative calls and are not this test's business.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationSecurity } from "../../src/generated/security.js";
import { type Call, runFullScenario } from "../mock/server/fullScenario.js";
import { type Cli, rootDir, startCli, waitForBanner } from "../mock/server/startCli.js";

interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Passes everything through to the sandbox, except that a request marked
 * `x-contract-control: corrupt` gets a body that breaks the contract: the control that shows
 * Prism really checks responses, so a clean run means something.
 */
function startForwarder(target: string): Promise<Server> {
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    const corrupt = req.headers["x-contract-control"] === "corrupt";
    const upstream = httpRequest(
      { hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (!corrupt) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        answer.resume();
        const body = JSON.stringify({ now: 5, offset_ms: "none" });
        res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        res.end(body);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function violationsOf(call: Pick<Call, "headers">): Violation[] {
  const header = call.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}

describe("the sandbox through `prism proxy openapi.yaml`", () => {
  let sandbox: Cli;
  let forwarder: Server;
  let prism: ChildProcess;
  let prismUrl = "";
  let prismLog = "";

  beforeAll(async () => {
    sandbox = startCli(["sandbox", "--port", "0", "--strict", "--quiet"]);
    const { url } = await waitForBanner(sandbox);
    forwarder = await startForwarder(url);
    const upstream = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}`;
    const port = await freePort();
    prismUrl = `http://127.0.0.1:${port}`;
    prism = spawn(
      process.execPath,
      [
        "node_modules/@stoplight/prism-cli/dist/index.js",
        "proxy",
        "openapi.yaml",
        upstream,
        ...["--port", String(port), "--host", "127.0.0.1", "--errors=false"],
      ],
      { cwd: rootDir, stdio: ["ignore", "pipe", "pipe"] },
    );
    prism.stdout?.on("data", (chunk) => {
      prismLog = (prismLog + chunk).slice(-4000);
    });
    prism.stderr?.on("data", (chunk) => {
      prismLog = (prismLog + chunk).slice(-4000);
    });
    // Prism takes a few seconds to load the spec: poll its port.
    const deadline = Date.now() + 25_000;
    for (;;) {
      try {
        await fetch(`${prismUrl}/_sandbox/clock`);
        break;
      } catch {
        if (Date.now() > deadline || prism.exitCode !== null) {
          throw new Error(`Prism did not start:\n${prismLog}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 40_000);

  afterAll(async () => {
    prism?.kill("SIGKILL");
    await new Promise((resolve) => forwarder?.close(resolve) ?? resolve(undefined));
    await sandbox?.kill();
  });

  it("Prism flags a response that breaks the contract (the control)", async () => {
    const reply = await fetch(`${prismUrl}/_sandbox/clock`, {
      headers: { "x-contract-control": "corrupt" },
    });
    const found = violationsOf(reply).filter((v) => v.location[0] === "response");
    expect(found.length).toBeGreaterThan(0);
  });

  it("no response of a full run, negative calls included, violates the spec", async () => {
    const run = await runFullScenario(prismUrl, { reset: true });
    const problems = run.calls.flatMap((call) =>
      violationsOf(call)
        .filter((v) => v.location[0] === "response")
        .map(
          (v) =>
            `${call.method} ${call.path.replace(/token=[^&]+/, "token=…")} → ${call.status}: ${v.location.join(".")} ${v.message}`,
        ),
    );
    if (problems.length > 0)
      console.error(`Prism response violations:\n  ${problems.join("\n  ")}`);
    expect(problems).toEqual([]);
    // And the other way: a request Prism finds invalid, the sandbox refused.
    const accepted = run.calls
      .filter(
        (call) => call.status < 400 && violationsOf(call).some((v) => v.location[0] === "request"),
      )
      .map(
        (call) => `${call.method} ${call.path.replace(/token=[^&]+/, "token=…")} → ${call.status}`,
      );
    expect(accepted).toEqual([]);

    // The run is only as good as its coverage: every operation of the spec, at least once.
    const patterns = Object.entries(operationSecurity).map(([id, op]) => ({
      id,
      method: op.method.toUpperCase(),
      path: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?.*)?$`),
    }));
    const covered = new Set(
      run.calls.flatMap((call) =>
        patterns.filter((p) => p.method === call.method && p.path.test(call.path)).map((p) => p.id),
      ),
    );
    expect(patterns.map((p) => p.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("Prism flags no request the sandbox accepted (issue 23's rows)", async () => {
    const ws = await (await fetch(`${prismUrl}/_sandbox/workspaces`, { method: "POST" })).json();
    const auth = { authorization: `Bearer ${ws.owner.user_key.secret}` };
    const json = { "content-type": "application/json" };
    const rows: [string, string, RequestInit][] = [
      [
        "Idempotency-Key of 256",
        "/v1/agents",
        {
          method: "POST",
          headers: { ...auth, ...json, "idempotency-key": "k".repeat(256) },
          body: JSON.stringify({ name: "p", slug: "p-one" }),
        },
      ],
      [
        "Idempotency-Key empty",
        "/v1/agents",
        {
          method: "POST",
          headers: { ...auth, ...json, "idempotency-key": "" },
          body: JSON.stringify({ name: "p", slug: "p-two" }),
        },
      ],
      [
        "Last-Event-ID: nope",
        "/v1/generate/job_6Wd2Hs9Kq4Tn8Bz1/stream",
        { headers: { ...auth, "last-event-id": "nope" } },
      ],
      ["X-Agent-ID: nope", "/v1/auth/whoami", { headers: { ...auth, "x-agent-id": "nope" } }],
      [
        "clock with advance and set",
        "/_sandbox/clock",
        {
          method: "POST",
          headers: json,
          body: JSON.stringify({ advance: "1d", set: "2030-01-01T00:00:00Z" }),
        },
      ],
    ];
    const flagged: string[] = [];
    const accepted: string[] = [];
    for (const [row, path, init] of rows) {
      const reply = await fetch(`${prismUrl}${path}`, init);
      await reply.arrayBuffer();
      if (!violationsOf(reply).some((v) => v.location[0] === "request")) continue;
      flagged.push(row);
      if (reply.status < 400) accepted.push(`${row} → ${reply.status}`);
    }
    // Prism must see the rows as invalid for the check to mean anything.
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(accepted).toEqual([]);
  });
});
