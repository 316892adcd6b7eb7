import { gitRefNameProblem, toDnsLabel } from "../../../src/domain/validation/field-schemas.js";
import { closestMatch } from "../../../src/domain/yaml/closest-match.js";
import { detectConfigKind } from "../../../src/domain/yaml/detect-config-kind.js";
import { findExcessiveNesting } from "../../../src/domain/yaml/find-excessive-nesting.js";
import { formatPath } from "../../../src/domain/yaml/format-path.js";
import { showValue } from "../../../src/domain/yaml/show-value.js";

describe("closestMatch", () => {
  it("suggests within two edits", () => {
    expect(closestMatch("relicas", ["replicas", "env"])).toBe("replicas");
    expect(closestMatch("Pilot", ["pilot"])).toBe("pilot");
    expect(closestMatch("colour", ["component"])).toBeUndefined();
  });
  it("does not call a rewrite of a short word a typo", () => {
    expect(closestMatch("8", ["1", "2"])).toBeUndefined();
  });
});

describe("formatPath", () => {
  it("renders paths as a reader writes them", () => {
    expect(formatPath(["images", 0, "ports", 1, "env"])).toBe("images[0].ports[1].env");
    expect(formatPath(["registry", "readers", "@org/team"])).toBe('registry.readers["@org/team"]');
    expect(formatPath([])).toBe("");
  });
});

describe("showValue", () => {
  it("quotes and cuts", () => {
    expect(showValue("a")).toBe('"a"');
    expect(showValue("x".repeat(100))).toHaveLength(60);
    expect(showValue(undefined)).toBe("nothing");
    expect(showValue([1])).toBe("a list");
    expect(showValue({})).toBe("a mapping");
  });
});

describe("findExcessiveNesting", () => {
  it("accepts ordinary files", () => {
    expect(findExcessiveNesting("a: [1, {b: [2]}]\n- - x\n")).toBeUndefined();
  });
  it("ignores brackets in comments", () => {
    expect(findExcessiveNesting(`a: 1 # ${"[".repeat(1000)}\n`)).toBeUndefined();
  });
  it("points at the first bracket over the limit", () => {
    expect(findExcessiveNesting(`a:\n  ${"{".repeat(70)}`)).toEqual({ line: 2, column: 67 });
  });
});

describe("gitRefNameProblem", () => {
  it.each(["main", "release/1.2", "feature/x-y"])("accepts %s", (name) =>
    expect(gitRefNameProblem(name)).toBeUndefined(),
  );
  it.each([
    ["a..b", "contains '..'"],
    ["a b", "contains a space, a control character or one of ~ ^ : ? * [ \\"],
    ["/a", "has an empty path component"],
    ["a/.b", "has a component starting with '.'"],
    ["a.lock", "has a component ending with '.lock'"],
    ["a@{1}", "contains '@{'"],
    ["@", "is '@' alone"],
    ["", "is empty"],
  ])("refuses %j", (name, reason) => expect(gitRefNameProblem(name)).toBe(reason));
});

describe("toDnsLabel", () => {
  it("suggests a label", () => {
    expect(toDnsLabel("Flexibility_Gateway")).toBe("flexibility-gateway");
    expect(toDnsLabel("--")).toBe("my-name");
  });
});

describe("detectConfigKind", () => {
  it("tells the kind by keys, then by name", () => {
    expect(detectConfigKind("component: x\n", "a.yml")).toBe("manifest");
    expect(detectConfigKind("maintainers: '@o/t'\n", "a.yml")).toBe("policy");
    expect(detectConfigKind('"registry": {}\n', "a.yml")).toBe("policy");
    expect(detectConfigKind("  component: nested\n", "a.yml")).toBeUndefined();
    expect(detectConfigKind("", ".sofie/component.yml")).toBe("manifest");
    expect(detectConfigKind("", ".github/sofie-integration.yaml")).toBe("policy");
  });
});
