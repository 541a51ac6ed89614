// `latchkey sandbox --workers N`: the primary process forks N copies of the same command, which
// node:cluster lets listen on one port; the store behind `--store` keeps them one sandbox. The
// primary serves nothing itself: it passes on a stop signal and reports a worker that dies.
import cluster from "node:cluster";

/** Runs in the primary until every worker has exited; resolves with the exit code to use. */
export function runWorkers(count: number): Promise<number> {
  return new Promise((resolve) => {
    let running = 0;
    let stopping = false;
    let failed = false;
    for (let i = 0; i < count; i++) {
      cluster.fork();
      running++;
    }
    cluster.on("exit", (worker, code, signal) => {
      running--;
      if (!stopping) {
        failed = true;
        process.stderr.write(
          `latchkey sandbox: worker ${worker.id} exited (${signal ?? `code ${code}`}); ${running} still serving.\n`,
        );
      }
      if (running === 0) resolve(failed ? 1 : 0);
    });
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Whether this process is the one that prints the banner: the only one, or worker 1. */
export function isFirstProcess(): boolean {
  return cluster.isPrimary || cluster.worker?.id === 1;
}
