// The in-process halves of `npm run bench:journal`, each run in a child on the Node under test:
// `inprocess` times engine.answer with the journal on and off, alternating, in CPU time;
// `memory <journal>` reports RSS (after a GC) after 10,000 and after 200,000 requests.
// Prints one line of JSON. Started by bench/journal.bench.mjs, never on its own.
const [, , mode, dist, arg] = process.argv;
const { createSandbox } = await import(dist);

async function answerer(journal) {
  const sandbox = createSandbox({ journal });
  const ws = await sandbox.createWorkspace();
  const headers = { authorization: `Bearer ${ws.owner.user_key.secret}` };
  const request = {
    method: "GET",
    path: "/v1/agents",
    query: "",
    body: null,
    headers: { get: (name) => headers[name] ?? null },
  };
  return { sandbox, answer: () => sandbox.engine.answer(request) };
}

if (mode === "inprocess") {
  const rounds = Number(arg);
  const on = (await answerer(10_000)).answer;
  const off = (await answerer(false)).answer;
  const n = 20_000;
  // CPU time of this process, not wall time: other load on the machine then delays a round
  // without being counted in it.
  const time = async (answer) => {
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) await answer();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  };
  await time(on);
  await time(off);
  const us = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["on", "off"] : ["off", "on"];
    for (const which of order) us[which].push(await time(which === "on" ? on : off));
  }
  console.log(JSON.stringify(us));
} else if (mode === "memory") {
  const { sandbox, answer } = await answerer(arg === "off" ? false : Number(arg));
  const mb = () => {
    globalThis.gc();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss: rss / 1048576, heap: heapUsed / 1048576 };
  };
  let at10k;
  for (let i = 1; i <= 200_000; i++) {
    await answer();
    if (i === 10_000) at10k = mb();
  }
  const at200k = mb();
  // Read after the last measure, so the sandbox (and its journal) is still alive at it.
  const alive = sandbox.engine.context.store.users.size > 0;
  console.log(JSON.stringify({ at10k, at200k, alive }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
