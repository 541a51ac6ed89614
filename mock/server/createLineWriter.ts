// Log lines gathered and written at most every few milliseconds: stdout to a file or a pipe is a
// synchronous write per call on Linux, which under load would cost more than answering.
import type { Writable } from "node:stream";

export interface LineWriter {
  /** Queues one line (without its newline). */
  (line: string): void;
  /** Writes whatever is queued now (at shutdown). */
  flush(): void;
}

/** `delayMs`: how long a line may wait for company; short enough that a person sees no lag. */
export function createLineWriter(out: Writable, delayMs = 25): LineWriter {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    out.write(text);
  };

  const write = ((line: string) => {
    pending.push(line);
    timer ??= setTimeout(flush, delayMs);
  }) as LineWriter;
  write.flush = flush;
  return write;
}
