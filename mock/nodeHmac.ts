// The Node entry's HMAC-SHA-256. node:crypto is native and synchronous; for a key-sized message
// it measured ~4.5 µs here against ~4.8 µs for the pure-JS default, and it runs on every
// authenticated request, so the Node server and CLI inject it.
import { createHmac } from "node:crypto";
import type { HmacSha256 } from "./engine/EngineContext.js";

/** HMAC-SHA-256 through node:crypto, to pass as `SandboxOptions.hmac`. */
export const nodeHmac: HmacSha256 = (key, message) =>
  createHmac("sha256", key).update(message).digest();
