// Runs work over items with at most `concurrency` in flight and, when `maxRps` is set, starts
// no more than that many per second (evenly spaced, so a target's rate limiter sees no burst).
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  maxRps: number | null,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const startedAt = performance.now();
  const interval = maxRps ? 1000 / maxRps : 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      if (interval > 0) {
        const wait = startedAt + index * interval - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await work(items[index] as T);
    }
  }
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
