// The `latchkey/vitest` fixtures with a fault rule: the client rides out two 503s, and the rule
// reports that it fired twice.
import { test } from "latchkey/vitest";
import { expect } from "vitest";

test("the kit's client rides out a fault rule's two 503s", async ({ client, workspace }) => {
  await workspace.faults.add({
    match: { operation_id: "listAgents" },
    action: { type: "status", status: 503, retry_after: 0 },
    times: 2,
  });
  const { data, response } = await client.GET("/v1/agents");
  expect(response.status).toBe(200);
  expect(data?.data).toHaveLength(2);
  const [rule] = await workspace.faults.list();
  expect(rule?.fired).toBe(2);
});
