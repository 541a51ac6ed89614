// --store loads the optional peer @redis/client on first use; without it, the error names the
// command that installs it, and any other failure is left as it was.
import { describe, expect, it } from "vitest";
import {
  loadSharedStore,
  redisClientInstall,
  StoreClientMissingError,
} from "../../../mock/state/loadSharedStore.js";

function importFailure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("loadSharedStore", () => {
  it("names the install command when @redis/client is not installed", async () => {
    const missing = importFailure(
      "ERR_MODULE_NOT_FOUND",
      "Cannot find package '@redis/client' imported from /app/node_modules/latchkey/dist/x.js",
    );
    const loading = loadSharedStore(() => Promise.reject(missing));
    await expect(loading).rejects.toBeInstanceOf(StoreClientMissingError);
    await expect(loading).rejects.toThrow(redisClientInstall);
  });

  it("leaves any other failure to load as it was", async () => {
    const other = importFailure("ERR_MODULE_NOT_FOUND", "Cannot find module './missing-chunk.js'");
    await expect(loadSharedStore(() => Promise.reject(other))).rejects.toBe(other);
  });

  it("returns openSharedStore when the client is there", async () => {
    expect(typeof (await loadSharedStore())).toBe("function");
  });
});
