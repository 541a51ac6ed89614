// `latchkey sandbox` flags: each one reaches the options, each mistake is a UsageError.
import { describe, expect, it } from "vitest";
import { parseSandboxArgs, UsageError } from "../../../mock/server/parseSandboxArgs.js";

describe("parseSandboxArgs", () => {
  it("defaults to 127.0.0.1:4010, in memory, not strict", () => {
    const args = parseSandboxArgs([]);
    expect(args).toMatchObject({ port: 4010, host: "127.0.0.1", help: false, quiet: false });
    expect(args.options).toEqual({ strict: false });
  });

  it("passes every flag through to the server options", () => {
    const args = parseSandboxArgs([
      "--port=0",
      "--host",
      "::1",
      "--seed",
      "42",
      "--session-ttl",
      "2h",
      "--state",
      "s.json",
      "--strict",
      "--stream-interval",
      "500",
      "--rate-limit",
      "100/10s",
      "--cors-origin",
      "http://localhost:5173",
      "--cors-origin",
      "https://app.example.test",
      "--jwks-url",
      "http://127.0.0.1:9999/jwks.json",
      "--issuer",
      "https://idp.example.test",
    ]);
    expect(args.port).toBe(0);
    expect(args.host).toBe("::1");
    expect(args.options).toEqual({
      strict: true,
      seed: 42,
      sessionTtl: "2h",
      stateFile: "s.json",
      streamIntervalMs: 500,
      rateLimit: { limit: 100, window: "10s" },
      corsOrigins: ["http://localhost:5173", "https://app.example.test"],
      trustedIssuers: [
        { issuer: "https://idp.example.test", jwksUrl: "http://127.0.0.1:9999/jwks.json" },
      ],
    });
  });

  it("reads --audience into the trusted issuer, and refuses it alone", () => {
    const args = [
      "--jwks-url",
      "http://127.0.0.1:9999/jwks.json",
      "--issuer",
      "https://idp.example.test",
      "--audience",
      "my-app",
    ];
    expect(parseSandboxArgs(args).options.trustedIssuers).toEqual([
      {
        issuer: "https://idp.example.test",
        jwksUrl: "http://127.0.0.1:9999/jwks.json",
        audience: "my-app",
      },
    ]);
    expect(() => parseSandboxArgs(["--audience", "my-app"])).toThrow(/--audience goes with/);
  });

  it("reads a bare --rate-limit N as N per second", () => {
    expect(parseSandboxArgs(["--rate-limit", "5"]).options.rateLimit).toEqual({
      limit: 5,
      window: "1s",
    });
  });

  it.each([
    [["--port", "http"], /--port http: expected a port number/],
    [["--port", "70000"], /--port 70000/],
    [["--session-ttl", "forever"], /--session-ttl forever: not a duration/],
    [["--rate-limit", "fast"], /--rate-limit fast: expected requests per window/],
    [["--rate-limit", "10/soon"], /window soon: not a duration/],
    [["--cors-origin", "localhost:5173/app"], /expected an origin/],
    [["--jwks-url", "http://127.0.0.1/jwks.json"], /--jwks-url and --issuer go together/],
    [["--jwks-url", "nope", "--issuer", "x"], /--jwks-url nope: not a URL/],
    [["--stream-interval", "1s"], /--stream-interval 1s: expected milliseconds/],
    [["--colour"], /Unknown option '--colour'/],
    [["extra"], /positional/],
  ])("refuses %j with a UsageError saying what is wrong", (argv, message) => {
    expect(() => parseSandboxArgs(argv)).toThrow(UsageError);
    expect(() => parseSandboxArgs(argv)).toThrow(message);
  });
});
