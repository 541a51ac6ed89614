// The app under test: a small piece of code that lists a workspace's agents through latchkey.
import { type createClient, unwrap } from "latchkey";

type Client = ReturnType<typeof createClient>;

/** The slugs of the workspace's agents, as the app shows them. */
export async function agentSlugs(client: Client): Promise<string[]> {
  const { data } = await unwrap(client.GET("/v1/agents"));
  return data.map((agent) => agent.slug);
}
