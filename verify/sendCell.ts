// Sends one cell's request over HTTP and reads what the spec lets the tool check. Event streams
// are not read to the end: their status and content type are the answer.
import type { Answer } from "./checkAnswer.js";
import type { CellRequest } from "./types.js";
import { VerifySetupError } from "./VerifySetupError.js";

export async function sendCell(
  fetchImpl: typeof fetch,
  baseUrl: string,
  method: string,
  request: CellRequest,
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetchImpl(new URL(request.path, baseUrl), {
      method: method.toUpperCase(),
      headers: request.headers,
      body: request.body,
      redirect: "manual",
    });
  } catch (error) {
    throw new VerifySetupError(
      `${method.toUpperCase()} ${baseUrl} failed mid-run: ${(error as Error).message}.`,
    );
  }
  const contentType = response.headers.get("content-type");
  let text: string | null = null;
  if (contentType?.startsWith("text/event-stream")) await response.body?.cancel();
  else text = await response.text();
  return {
    status: response.status,
    contentType,
    challenge: response.headers.get("www-authenticate"),
    text,
  };
}
