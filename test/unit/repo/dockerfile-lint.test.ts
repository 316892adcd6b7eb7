import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";
import { DockerfileParser } from "dockerfile-ast";

// No Docker engine runs here, so the image is not built in tests; the Dockerfile is linted
// with dockerfile-utils (the validator behind the VS Code Docker extension) and its
// promises (multi-stage, non-root, health check) are checked on the parsed instructions.
const text = readFileSync(new URL("../../../Dockerfile", import.meta.url), "utf8");

describe("Dockerfile", () => {
  it("has no lint problems", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("is multi-stage, runs as a non-root user and has a health check", () => {
    const instructions = DockerfileParser.parse(text).getInstructions();
    const keywords = instructions.map((i) => i.getKeyword());
    expect(keywords.filter((k) => k === "FROM").length).toBeGreaterThanOrEqual(2);
    const lastFrom = keywords.lastIndexOf("FROM");
    const user = instructions.slice(lastFrom).find((i) => i.getKeyword() === "USER");
    expect(user?.getArgumentsContent()).toBe("node");
    expect(keywords.slice(lastFrom)).toContain("HEALTHCHECK");
  });
});
