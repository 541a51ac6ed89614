/** Whether a 401 says the token expired (the one failure a renewed token fixes). */
export async function isExpired(response: Response): Promise<boolean> {
  if (!response.headers.get("WWW-Authenticate")?.includes("invalid_token")) return false;
  try {
    const problem: unknown = await response.clone().json();
    return (problem as { code?: unknown } | null)?.code === "token_expired";
  } catch {
    return false;
  }
}
