import { expandWord } from "../../../src/domain/dockerfile/expand-word.js";

const VARS: Record<string, string> = { HTTP_PORT: "8080", EMPTY: "", HOST: "broker" };
const lookup = (name: string) => (Object.hasOwn(VARS, name) ? VARS[name] : undefined);
const expand = (raw: string, escapeChar = "\\") => expandWord(raw, lookup, { escapeChar })?.value;

describe("expandWord: Docker's variable substitution", () => {
  it.each([
    ["$HTTP_PORT", "8080"],
    ["${HTTP_PORT}", "8080"],
    ["${HTTP_PORT}/tcp", "8080/tcp"],
    ["http://$HOST:${HTTP_PORT}/health", "http://broker:8080/health"],
    ["$UNSET", ""],
    ["${UNSET}x", "x"],
    ["${UNSET:-9090}", "9090"],
    ["${HTTP_PORT:-9090}", "8080"],
    ["${EMPTY:-9090}", "9090"],
    ["${EMPTY-9090}", ""],
    ["${UNSET-9090}", "9090"],
    ["${HTTP_PORT:+8443}", "8443"],
    ["${UNSET:+8443}", ""],
    ["${EMPTY:+8443}", ""],
    ["${EMPTY+8443}", "8443"],
    ["${UNSET:-${HTTP_PORT}}", "8080"],
    ["${UNSET:-$HTTP_PORT}", "8080"],
    ["${HTTP_PORT:?must be set}", "8080"],
    ["$", "$"],
    ["a$ b", "a$ b"],
  ])("%s → %s", (raw, value) => {
    expect(expand(raw)).toBe(value);
  });

  it("keeps escaped dollars and single-quoted text literal, and expands in double quotes", () => {
    expect(expand("\\$HTTP_PORT")).toBe("$HTTP_PORT");
    expect(expand("'$HTTP_PORT'")).toBe("$HTTP_PORT");
    expect(expand('"$HTTP_PORT and \\$HOST"')).toBe("8080 and $HOST");
    expect(expand('"a\\b"')).toBe("a\\b");
    expect(expand('${UNSET:-"8 0"}')).toBe("8 0");
  });

  it("uses the escape directive's character", () => {
    expect(expand("`$HTTP_PORT", "`")).toBe("$HTTP_PORT");
    expect(expand("C:\\app\\$HTTP_PORT", "`")).toBe("C:\\app\\8080");
  });

  it("drops a line continuation", () => {
    expect(expand("80\\\n80")).toBe("8080");
    expect(expand("80`  \r\n80", "`")).toBe("8080");
  });

  it("lists the variables it names", () => {
    expect(expandWord("${A:-$B}${C}$D", () => undefined)?.names).toEqual(["B", "A", "C", "D"]);
  });

  it("cannot tell (undefined) for unsupported or broken substitutions and a required unset variable", () => {
    for (const raw of [
      "${HTTP_PORT#80}",
      "${HTTP_PORT%80}",
      "${HTTP_PORT/80/90}",
      "${HTTP_PORT",
      "${}",
      "${:-1}",
      "${UNSET:?}",
      "${EMPTY:?}",
      "'open",
      '"open',
    ]) {
      expect(expand(raw)).toBeUndefined();
    }
  });

  it("stays linear and bounded on hostile words", () => {
    expect(expand("${".repeat(100_000))).toBeUndefined();
    expect(expand("${A:-".repeat(10_000) + "1" + "}".repeat(10_000))).toBeUndefined();
    const big = "x".repeat(1000);
    const wide = (name: string) => (name === "BIG" ? big : undefined);
    expect(expandWord("$BIG".repeat(1000), wide, { maxChars: 64 * 1024 })).toBeUndefined();
    expect(expandWord("$BIG".repeat(10), wide, { maxChars: 64 * 1024 })?.value).toHaveLength(10_000);
  });
});
