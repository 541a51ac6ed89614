// The config file of `latchkey verify` for targets that are not a latchkey sandbox; its JSON
// Schema is verify.config.schema.json beside this file.
import type { Role } from "../../src/generated/security.js";

/** A secret written inline, or read from an environment variable. */
export type SecretValue = string | { env: string };

export interface VerifyConfigTenant {
  workspaceId: string;
  teamId: string;
  teamMemberIds?: string[];
  agents: { id: string; slug: string }[];
  jobIds: string[];
  files: { agentId: string; filename: string }[];
  admin: SecretValue;
}

export interface VerifyConfigUser {
  role: Role;
  userId: string;
  userKey: { id: string; secret: SecretValue; scopes?: string[] };
  session?: { accessToken: SecretValue; refreshToken?: SecretValue };
}

export interface VerifyConfig {
  $schema?: string;
  tenants: VerifyConfigTenant[];
  users: VerifyConfigUser[];
}
