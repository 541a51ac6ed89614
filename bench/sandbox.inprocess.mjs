// In-process round trips for `npm run bench:sandbox`, run in a child of its own so MSW's
// interception and the JIT state of one measurement cannot touch the HTTP ones. Prints JSON.
// Usage: node bench/sandbox.inprocess.mjs <seconds per measurement>
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { createSandbox } from "../dist/mock.js";

const seconds = Number(process.argv[2] ?? 3);

/** Sequential round trips per second: one request in flight, as a test suite makes them. */
async function roundTrips(once) {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) await once();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await once();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

function checked(fetchFn, url, init) {
  return async () => {
    const reply = await fetchFn(url, init);
    await reply.arrayBuffer();
    if (reply.status !== 200) throw new Error(`${url} answered ${reply.status}`);
  };
}

const sandbox = createSandbox();
const ws = await sandbox.createWorkspace();
const created = await sandbox.fetch(`${sandbox.baseUrl}/v1/w/${ws.workspace.id}/keys`, {
  method: "POST",
  headers: {
    authorization: `Bearer ${ws.owner.user_key.secret}`,
    "content-type": "application/json",
  },
  body: JSON.stringify({ name: "bench", scopes: ["agents:read"] }),
});
const init = { headers: { authorization: `Bearer ${(await created.json()).secret}` } };
const url = `${sandbox.baseUrl}/v1/agents`;

const direct = await roundTrips(checked(sandbox.fetch, url, init));

const msw = setupServer(...sandbox.handlers(http));
msw.listen({ onUnhandledRequest: "error" });
const viaMsw = await roundTrips(checked(fetch, url, init));
msw.close();

// The floor: MSW with one handler that checks the header and answers fixed JSON.
const fixed = { data: [], next_cursor: null };
const bare = setupServer(
  http.get("http://bare.test/v1/agents", ({ request }) =>
    request.headers.get("authorization") === init.headers.authorization
      ? HttpResponse.json(fixed)
      : new HttpResponse(null, { status: 401 }),
  ),
);
bare.listen({ onUnhandledRequest: "error" });
const bareMsw = await roundTrips(checked(fetch, "http://bare.test/v1/agents", init));
bare.close();

console.log(JSON.stringify({ direct, viaMsw, bareMsw }));
