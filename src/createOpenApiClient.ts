import imported from "openapi-fetch";

type CreateClient = typeof imported;
const interop = imported as CreateClient | { default: CreateClient };

/**
 * openapi-fetch's `createClient`. The package has only a default export; from this SDK's CommonJS
 * build, Node-style interop puts the whole `module.exports` there, one level above the function.
 */
export const createOpenApiClient: CreateClient =
  typeof interop === "function" ? interop : interop.default;
