// An app that signs in with email and password once, then keeps its session in a file: the SDK
// refreshes the access token ahead of expiry and hands every new pair to `onTokens`, so the next
// run starts from the saved tokens, not the password. Against the sandbox (`npm start`):
//   LATCHKEY_EMAIL=… LATCHKEY_PASSWORD=… npx tsx examples/session-app.ts
// (a workspace's owner email and password come from `POST /_sandbox/workspaces`).
// `test/examples/apps.test.ts` runs `whoAmI` against the in-process sandbox.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createClient, type SessionTokens, unwrap } from "latchkey";

export interface SessionAppOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** Where the session's tokens are kept between runs (mode 0600: they are credentials). */
  tokenFile: string;
  fetch?: (request: Request) => Promise<Response>;
  /** The SDK's clock; tests pass the sandbox's. */
  now?: () => number;
}

function readTokens(file: string): SessionTokens | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as SessionTokens;
  } catch {
    return undefined; // no saved session yet: sign in
  }
}

/** Who the session is, signing in only when no saved session is left. */
export async function whoAmI(options: SessionAppOptions) {
  const saved = readTokens(options.tokenFile);
  const client = createClient({
    baseUrl: options.baseUrl,
    credentials: saved ?? { email: options.email, password: options.password },
    onTokens: (tokens) => writeFileSync(options.tokenFile, JSON.stringify(tokens), { mode: 0o600 }),
    onSessionEnded: () => rmSync(options.tokenFile, { force: true }), // sign in again next run
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.now && { now: options.now }),
  });
  return unwrap(client.GET("/v1/auth/whoami"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { LATCHKEY_EMAIL: email, LATCHKEY_PASSWORD: password } = process.env;
  if (!email || !password) {
    console.error("Set LATCHKEY_EMAIL and LATCHKEY_PASSWORD to a sandbox user's.");
    process.exit(2);
  }
  whoAmI({
    baseUrl: process.env.LATCHKEY_BASE_URL ?? "http://127.0.0.1:4010",
    email,
    password,
    tokenFile: ".latchkey-session.json",
  }).then(
    (me) => console.log(`${me.principal.kind} of user ${me.user_id} in ${me.workspace_id}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
