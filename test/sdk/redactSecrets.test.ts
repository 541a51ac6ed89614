import { describe, expect, it } from "vitest";
import { credentialKinds, secretQueryParameters } from "../../src/generated/security.js";
import { redactSecrets } from "../../src/redactSecrets.js";

describe("redactSecrets (every log line passes through it)", () => {
  it("redacts every credential kind's token, well-formed or not, wherever it stands", () => {
    const samples = [
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln",
      "eyJtruncated",
      "lk_rt_test_7Qm2Xv9LpA3sK8dF4hJ6zN1bR5tW0cYe",
      "lk_usr_test_7Qm2Xv9LpA3sK8dF4hJ6zN1bR5tW0cYe",
      "lk_usr_test_short",
      "lk_agk_live_",
      "lk_dlt_test_eyJhIjoiYSJ9.c2ln",
    ];
    for (const secret of samples) {
      const line = `GET https://api.test/v1/agents/${secret} → 400 (${secret})`;
      expect(redactSecrets(line)).not.toContain(secret.slice(3));
    }
    expect(credentialKinds.length).toBeGreaterThan(5);
  });

  it("redacts the value of every secret query parameter, and only up to the end of the URL", () => {
    for (const name of secretQueryParameters) {
      const line = `GET https://api.test/v1/x?a=1&${name}=hunter2&b=2 → 200 after 3 ms`;
      expect(redactSecrets(line)).toBe(
        `GET https://api.test/v1/x?a=1&${name}=[redacted]&b=2 → 200 after 3 ms`,
      );
    }
  });
});
