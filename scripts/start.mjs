// `npm start`: bring dist/ and the docs up to date (ensureBuilt.mjs), then run
// `latchkey sandbox` with the arguments given after `npm start --`.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt } from "./ensureBuilt.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureBuilt();
  const child = spawn(
    process.execPath,
    [join(root, "dist", "cli.js"), "sandbox", ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  // Ctrl+C reaches the sandbox directly (same process group): passing it on as well would be a
  // second Ctrl+C, which the sandbox takes as "stop now". A SIGTERM sent to npm reaches only this
  // process, so pass that one on. Either way, wait for the sandbox to finish saving its state.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
