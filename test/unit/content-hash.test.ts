import { contentHash } from "../../src/domain/content-hash.js";

/** The definition, written the slow and obvious way: FNV-1a 64 over each UTF-16 unit's two bytes, 0xffff after each part. */
function reference(...parts: string[]): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (const part of parts) {
    for (let i = 0; i <= part.length; i++) {
      const unit = i < part.length ? part.charCodeAt(i) : 0xffff;
      hash = ((hash ^ BigInt(unit & 0xff)) * prime) & mask;
      hash = ((hash ^ BigInt(unit >> 8)) * prime) & mask;
    }
  }
  return hash.toString(16).padStart(16, "0");
}

/** A small deterministic generator, so a failure is reproducible. */
function* randomStrings(seed: number, count: number): Generator<string[]> {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  for (let i = 0; i < count; i++) {
    yield Array.from({ length: next(4) }, () =>
      Array.from({ length: next(40) }, () => String.fromCharCode(next(0x10000))).join(""),
    );
  }
}

describe("contentHash", () => {
  it("is 16 hex digits that separate parts", () => {
    expect(contentHash("a")).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash("ab", "c")).not.toBe(contentHash("a", "bc"));
    expect(contentHash("x", "y")).toBe(contentHash("x", "y"));
    expect(contentHash("é")).not.toBe(contentHash("e"));
  });

  it("keeps the values already stored in onboarding pull requests and status issues", () => {
    expect(contentHash()).toBe("cbf29ce484222325");
    expect(contentHash("a")).toBe("a9d472820c0a42fa");
  });

  it("equals FNV-1a 64 computed with BigInt, on any text", () => {
    for (const parts of randomStrings(42, 500)) expect(contentHash(...parts)).toBe(reference(...parts));
    const large = "x".repeat(65_535) + "é🎉".repeat(1000);
    expect(contentHash(large, large)).toBe(reference(large, large));
  });
});
