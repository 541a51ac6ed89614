// A config is checked against its JSON Schema before anything is sent, and each `{"env": …}`
// secret is read then; the error names the field or the variable, never a secret.
import { Ajv2020 } from "ajv/dist/2020.js";
import { VerifySetupError } from "../VerifySetupError.js";
import type { SecretValue, VerifyConfig } from "./VerifyConfig.js";
import schema from "./verify.config.schema.json" with { type: "json" };

let validate: ReturnType<Ajv2020["compile"]> | undefined;

export function checkConfig(config: unknown): VerifyConfig {
  validate ??= new Ajv2020({ allErrors: false }).compile(schema);
  if (!validate(config)) {
    const error = validate.errors?.[0];
    throw new VerifySetupError(
      `The config is not valid: ${error?.instancePath || "(root)"} ${error?.message ?? "is invalid"} (see verify.config.schema.json).`,
    );
  }
  return config as VerifyConfig;
}

export function resolveSecret(value: SecretValue, env: Record<string, string | undefined>): string {
  if (typeof value === "string") return value;
  const found = env[value.env];
  if (!found)
    throw new VerifySetupError(
      `The environment variable ${value.env} named in the config is not set.`,
    );
  return found;
}
