import { isIPv4, isIPv6, isLocalAddress } from "../../../src/domain/dockerfile/ip-address.js";
import { FILES_TO_READ, toDnsLabel } from "../../../src/domain/onboarding/index.js";

describe("FILES_TO_READ", () => {
  it("asks for root build files and Dockerfiles, at most 20, none vendored", () => {
    const files = [
      "package.json",
      "node_modules/x/Dockerfile",
      ...Array.from({ length: 50 }, (_, i) => `svc${i}/Dockerfile`),
      "Dockerfile.dev",
      "api.Dockerfile",
      ".dockerignore",
      "Dockerfile.dockerignore",
    ];
    const wanted = FILES_TO_READ(files);
    expect(wanted.length).toBeLessThanOrEqual(20);
    expect(wanted.slice(0, 3)).toEqual(["package.json", "Dockerfile.dev", "api.Dockerfile"]);
    expect(wanted.some((p) => p.includes("node_modules") || p.endsWith("dockerignore"))).toBe(false);
  });
});

describe("toDnsLabel", () => {
  it("normalises names", () => {
    expect(toDnsLabel("My_Repo.JS", "x")).toBe("my-repo-js");
    expect(toDnsLabel("___", "fallback")).toBe("fallback");
    expect(toDnsLabel("a".repeat(100), "x")).toHaveLength(63);
  });
});

describe("IP validators", () => {
  it("accepts RFC 4291 forms and rejects the rest", () => {
    for (const ok of [
      "::",
      "::1",
      "fe80::1",
      "2001:db8::ff00:42:8329",
      "::ffff:192.0.2.1",
      "1:2:3:4:5:6:7:8",
    ]) {
      expect(isIPv6(ok)).toBe(true);
    }
    for (const bad of [
      "1::2::3",
      ":1:2",
      "1:2:3:4:5:6:7",
      "00:1a:2b:3c:4d:5e",
      "12345::",
      "g::1",
      "1:2:3:4:5:6:7:8:9",
    ]) {
      expect(isIPv6(bad)).toBe(false);
    }
    expect(isIPv4("10.0.0.5")).toBe(true);
    expect(["256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5"].some(isIPv4)).toBe(false);
    expect(["0.0.0.0", "127.9.9.9", "::", "::1", "::ffff:127.0.0.1"].every(isLocalAddress)).toBe(true);
    expect(["10.0.0.5", "fd00::1", "::2"].some(isLocalAddress)).toBe(false);
  });
});
