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
  let response = await send(fetchImpl, baseUrl, method, request);
  // A rate limit is the target protecting itself, not an answer about auth: wait as told (at
  // most a few times, a few seconds each) and ask again. --max-rps avoids it in the first place.
  for (let retry = 0; response.status === 429 && retry < 3; retry++) {
    const seconds = Math.min(Number(response.headers.get("retry-after")) || 1, 5);
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await send(fetchImpl, baseUrl, method, request);
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

async function send(
  fetchImpl: typeof fetch,
  baseUrl: string,
  method: string,
  request: CellRequest,
): Promise<Response> {
  try {
    return await fetchImpl(new URL(request.path, baseUrl), {
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
}
