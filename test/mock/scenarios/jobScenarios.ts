// Jobs and their event streams, with header credentials and with stream tokens.
import { expect, it } from "vitest";
import { parseEvents, type ScenarioClient, type Schemas } from "./scenarioClient.js";

export function jobScenarios(c: ScenarioClient): void {
  const startJob = async (prompt = "draft a note", steps = 3) => {
    const ws = await c.workspace();
    const auth = ws.owner.user_key.secret;
    const job = await c.request<Schemas["Job"]>("POST", "/v1/generate", {
      auth,
      headers: { "x-agent-id": ws.agents[0]?.agent.id ?? "" },
      body: { prompt, steps },
    });
    expect(job.status).toBe(201);
    return { ws, auth, job: job.body };
  };

  it("a stream sends progress events then done, each with an id", async () => {
    const { auth, job } = await startJob();
    const reply = await c.request<string>("GET", `/v1/generate/${job.id}/stream`, { auth });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("text/event-stream");
    expect(reply.headers.get("cache-control")).toBe("no-store");
    const events = parseEvents(reply.text);
    expect(events.map((e) => `${e.id}:${e.event}`)).toEqual([
      "1:progress",
      "2:progress",
      "3:progress",
      "4:done",
    ]);
    expect(events[2]?.data).toEqual({ job_id: job.id, progress: 100 });
    expect(events[3]?.data).toEqual({
      job_id: job.id,
      status: "succeeded",
      artifact: { filename: `${job.id}.txt` },
    });
  });

  it("a stream resumes after Last-Event-ID without repeats", async () => {
    const { auth, job } = await startJob();
    const reply = await c.request<string>("GET", `/v1/generate/${job.id}/stream`, {
      auth,
      headers: { "last-event-id": "2" },
    });
    expect(reply.status).toBe(200);
    expect(parseEvents(reply.text).map((e) => e.id)).toEqual(["3", "4"]);
  });

  it("a job whose prompt asks to fail ends with an error event", async () => {
    const { auth, job } = await startJob("please fail");
    const reply = await c.request<string>("GET", `/v1/generate/${job.id}/stream`, { auth });
    const events = parseEvents(reply.text);
    expect(events.at(-1)?.event).toBe("error");
    const after = await c.request<Schemas["Job"]>("GET", `/v1/generate/${job.id}`, { auth });
    expect(after.body.status).toBe("failed");
  });

  it("a finished job is succeeded and its artifact can be downloaded", async () => {
    const { ws, auth, job } = await startJob();
    await c.request<string>("GET", `/v1/generate/${job.id}/stream`, { auth });
    const after = await c.request<Schemas["Job"]>("GET", `/v1/generate/${job.id}`, { auth });
    expect(after.body.status).toBe("succeeded");
    expect(after.body.progress).toBe(100);
    const file = await c.request<string>(
      "GET",
      `/v1/downloads/${ws.agents[0]?.agent.id}/${job.id}.txt`,
      { auth },
    );
    expect(file.status).toBe(200);
    expect(file.text).toContain(job.id);
  });

  it("a stream token opens its job's stream, with no-store and no-referrer", async () => {
    const { auth, job } = await startJob();
    const minted = await c.request<Schemas["SignedToken"]>(
      "POST",
      `/v1/generate/${job.id}/stream-token`,
      { auth },
    );
    expect(minted.status).toBe(201);
    expect(minted.body.token).toMatch(/^lk_stt_test_/);
    expect(minted.body.url).toBe(c.url(`/v1/generate/${job.id}/stream?token=${minted.body.token}`));
    const reply = await c.request<string>("GET", minted.body.url);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("cache-control")).toBe("no-store");
    expect(reply.headers.get("referrer-policy")).toBe("no-referrer");
    expect(parseEvents(reply.text).at(-1)?.event).toBe("done");
  });

  it("refuses a stream token on another job with 403 resource_mismatch", async () => {
    const { ws, auth, job } = await startJob();
    const other = await c.request<Schemas["Job"]>("POST", "/v1/generate", {
      auth,
      headers: { "x-agent-id": ws.agents[0]?.agent.id ?? "" },
      body: { prompt: "other" },
    });
    const minted = await c.request<Schemas["SignedToken"]>(
      "POST",
      `/v1/generate/${job.id}/stream-token`,
      { auth },
    );
    const reply = await c.request(
      "GET",
      `/v1/generate/${other.body.id}/stream?token=${minted.body.token}`,
    );
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("resource_mismatch");
  });

  it("answers 404 for another workspace's job", async () => {
    const { job } = await startJob();
    const other = await c.workspace();
    const reply = await c.request("GET", `/v1/generate/${job.id}`, {
      auth: other.owner.user_key.secret,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });
}
