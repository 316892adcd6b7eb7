import { renderTagTemplate, tagTemplateProblem } from "../../../src/domain/manifest/tag-template.js";

describe("tagTemplateProblem", () => {
  it.each([
    "{sha}",
    "{short_sha}",
    "{branch}",
    "latest",
    "v{run_number}.{run_attempt}",
    "{branch}-{short_sha}",
    "_x",
  ])("accepts %s", (template) => expect(tagTemplateProblem(template)).toBeUndefined());

  it("names an unknown placeholder and suggests the close one", () => {
    expect(tagTemplateProblem("{shortsha}")).toBe(
      `"{shortsha}" uses the unknown placeholder "{shortsha}"; did you mean "{short_sha}"? the placeholders are {sha}, {short_sha}, {branch}, {run_number}, {run_attempt}`,
    );
  });

  it("reports unmatched braces", () => {
    expect(tagTemplateProblem("{sha")).toMatch(/unmatched '\{' or '\}'/);
    expect(tagTemplateProblem("sha}")).toMatch(/unmatched/);
  });

  it("checks the tag the template gives", () => {
    expect(tagTemplateProblem("-{sha}")).toMatch(/gives the tag "-0123/);
    expect(tagTemplateProblem("")).toMatch(/not a valid image tag/);
    expect(tagTemplateProblem(`${"x".repeat(100)}{sha}`)).toMatch(/not a valid image tag/);
  });
});

describe("renderTagTemplate", () => {
  it("fills placeholders and makes branch names tag-safe", () => {
    const values = {
      sha: "abc",
      short_sha: "ab",
      branch: "feature/new thing",
      run_number: "7",
      run_attempt: "1",
    };
    expect(renderTagTemplate("{branch}-{run_number}", values)).toBe("feature-new-thing-7");
    expect(renderTagTemplate("{unknown}", values)).toBe("{unknown}");
  });
});
