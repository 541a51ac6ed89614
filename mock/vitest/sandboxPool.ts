// In-process sandboxes kept by one vitest worker. A test borrows one for itself and gives it back
// reset, so sequential tests reuse one engine (its signing key, compiled routes and warm caches)
// while tests running at the same time (`test.concurrent`) each get their own: nothing, not even
// the clock, is ever shared by two tests at once.
import { type CreateSandboxOptions, createSandbox, type Sandbox } from "../createSandbox.js";

export interface SandboxPool {
  take(): Sandbox;
  give(sandbox: Sandbox): void;
  /** How many sandboxes this worker has made (for tests of the pool). */
  readonly created: number;
}

export function createSandboxPool(options: CreateSandboxOptions): SandboxPool {
  const idle: Sandbox[] = [];
  let created = 0;
  return {
    take() {
      const reused = idle.pop();
      if (reused) return reused;
      created++;
      return createSandbox(options);
    },
    give(sandbox) {
      // Forgets every workspace, key, session and fault rule, and puts the clock back.
      sandbox.reset();
      idle.push(sandbox);
    },
    get created() {
      return created;
    },
  };
}
