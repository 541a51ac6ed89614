// The Host check against DNS rebinding (issue 7, item 1): loopback names, IP literals, the
// listening address and --allowed-host names are answered; any other name is refused.
import { describe, expect, it } from "vitest";
import {
  allowedHostList,
  hostName,
  hostNotAllowed,
  isHostAllowed,
} from "../../../mock/server/checkHost.js";

const defaults = allowedHostList();

describe("checkHost", () => {
  it("refuses a Host name that is not allowed (a DNS rebinding page's own name)", () => {
    for (const host of [
      "evil.example",
      "evil.example:4010",
      "localhost.evil.example",
      "0x7f.evil",
    ]) {
      expect(isHostAllowed(host, defaults), host).toBe(false);
    }
  });

  it("answers loopback names, with or without a port, in any case", () => {
    for (const host of ["localhost", "LOCALHOST:4010", "app.localhost:4010", "localhost."]) {
      expect(isHostAllowed(host, defaults), host).toBe(true);
    }
  });

  it("answers IP literals, which a rebinding page cannot send as its Host", () => {
    for (const host of ["127.0.0.1:4010", "10.0.0.7", "[::1]:4010", "[fe80::1]"]) {
      expect(isHostAllowed(host, defaults), host).toBe(true);
    }
  });

  it("answers a request with no Host header (HTTP/1.0: no browser sends that)", () => {
    expect(isHostAllowed(undefined, defaults)).toBe(true);
  });

  it("answers --allowed-host names, and a leading dot allows the subdomains too", () => {
    const allowed = allowedHostList(["sandbox.test", ".tunnel.example"]);
    expect(isHostAllowed("sandbox.test:4010", allowed)).toBe(true);
    expect(isHostAllowed("a.sandbox.test", allowed)).toBe(false);
    expect(isHostAllowed("tunnel.example", allowed)).toBe(true);
    expect(isHostAllowed("x.y.tunnel.example", allowed)).toBe(true);
    expect(isHostAllowed("eviltunnel.example", allowed)).toBe(false);
  });

  it("reads the name of a Host header without its port", () => {
    expect(hostName("Sandbox.Test:4010")).toBe("sandbox.test");
    expect(hostName("[::1]:4010")).toBe("[::1]");
    expect(hostName("::1")).toBe("[::1]");
  });

  it("names the flag that would allow a refused host, and never echoes a credential", () => {
    const problem = hostNotAllowed("evil.example:80");
    expect(problem.status).toBe(403);
    expect(problem.code).toBe("host_not_allowed");
    expect(problem.detail).toContain("--allowed-host evil.example");
    expect(hostNotAllowed("lk_usr_test_x:1").detail).not.toContain("lk_usr");
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl";
    expect(hostNotAllowed(jwt).detail.toLowerCase()).not.toContain(jwt.toLowerCase());
  });
});
