// The tool's own requests to the target, for fixtures: JSON in, JSON out, the credential in
// `Authorization: Bearer`. Failures become a VerifySetupError naming method and path, never
// the credential.
import { VerifySetupError } from "./VerifySetupError.js";

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  credential?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses that count as success; default any 2xx. */
  expect?: number[];
}

export type Http = (method: string, path: string, options?: CallOptions) => Promise<HttpAnswer>;

export function createHttp(baseUrl: string, fetchImpl: typeof fetch): Http {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.credential) headers.authorization = `Bearer ${options.credential}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl), {
        method: method.toUpperCase(),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw new VerifySetupError(
        `${method.toUpperCase()} ${baseUrl}${path} failed: ${(error as Error).message}. Is the target running at ${baseUrl}?`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const ok = options.expect
      ? options.expect.includes(response.status)
      : response.status >= 200 && response.status < 300;
    if (!ok) {
      const code = (json as { code?: string } | undefined)?.code;
      throw new VerifySetupError(
        `${method.toUpperCase()} ${path} answered ${response.status}${code ? ` ${code}` : ""} while preparing fixtures.`,
      );
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}
