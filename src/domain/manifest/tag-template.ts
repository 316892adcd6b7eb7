import { closestMatch } from "../yaml/closest-match.js";
import { showValue } from "../yaml/show-value.js";

/** The placeholders an image tag template may use. */
export const TAG_PLACEHOLDERS = ["sha", "short_sha", "branch", "run_number", "run_attempt"] as const;
/** One tag placeholder name. */
export type TagPlaceholder = (typeof TAG_PLACEHOLDERS)[number];

/** The OCI distribution spec's tag pattern. */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Values used to check that a template yields a valid tag: the longest realistic ones. */
const SAMPLE: Record<TagPlaceholder, string> = {
  sha: "0123456789abcdef0123456789abcdef01234567",
  short_sha: "0123456",
  branch: "main",
  run_number: "1234",
  run_attempt: "1",
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Fills a tag template. Values are made tag-safe (a branch `feature/x` gives `feature-x`), because
 * characters allowed in git refs are not all allowed in image tags.
 */
export function renderTagTemplate(
  template: string,
  values: Readonly<Record<TagPlaceholder, string>>,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (TAG_PLACEHOLDERS as readonly string[]).includes(name)
      ? values[name as TagPlaceholder].replace(/[^A-Za-z0-9._-]+/g, "-")
      : whole,
  );
}

/** Why a tag template is unusable, as a message that says how to fix it; `undefined` when it is fine. */
export function tagTemplateProblem(template: string): string | undefined {
  const known = TAG_PLACEHOLDERS.map((name) => `{${name}}`).join(", ");
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!(TAG_PLACEHOLDERS as readonly string[]).includes(name)) {
      const suggestion = closestMatch(name, TAG_PLACEHOLDERS);
      return `${showValue(template)} uses the unknown placeholder ${showValue(`{${name}}`)}; ${
        suggestion ? `did you mean "{${suggestion}}"? ` : ""
      }the placeholders are ${known}`;
    }
  }
  const rest = template.replace(PLACEHOLDER, "");
  if (rest.includes("{") || rest.includes("}")) {
    return `${showValue(template)} has an unmatched '{' or '}'; write placeholders as {name}, one of ${known}`;
  }
  const sample = renderTagTemplate(template, SAMPLE);
  if (!OCI_TAG.test(sample)) {
    return `${showValue(template)} gives the tag ${showValue(sample)}, which is not a valid image tag; a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'`;
  }
  return undefined;
}
