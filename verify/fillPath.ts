// A path template with a tenant's ids filled in. Ids carry their type (DESIGN §4), so each
// parameter name maps to one field of the tenant; `{keyId}` and anything a cell chooses itself
// come in `values`.
import type { Tenant } from "./fixtures/Fixtures.js";

export function tenantValue(tenant: Tenant, name: string): string | undefined {
  switch (name) {
    case "workspaceId":
      return tenant.workspaceId;
    case "teamId":
      return tenant.teamId;
    case "agentId":
      return tenant.files[0]?.agentId ?? tenant.agents[0]?.id;
    case "filename":
      return tenant.files[0]?.filename;
    case "jobId":
      return tenant.jobIds[0];
    case "agentSlug":
      return tenant.agents[0]?.slug;
    default:
      return undefined;
  }
}

export function fillPath(
  template: string,
  tenant: Tenant,
  values: Record<string, string> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? tenantValue(tenant, name);
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}
