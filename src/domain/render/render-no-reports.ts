import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { formatCount } from "./format-duration.js";
import { escapeMarkdown } from "./markdown-escape.js";
import { neutralizeMentions } from "./neutralize-mentions.js";
import { renderEntriesNotRead, type EntryNotRead } from "./render-entries-not-read.js";
import { MANIFEST_PATH } from "../names.js";

export interface NoReportsInput {
  /** The manifest's `junit` glob, matched inside the artifact. */
  readonly junitGlob: string;
  /** The manifest's `ci.artifact`. */
  readonly artifactName: string;
  /** Files seen in the artifact (empty when there was no artifact). */
  readonly found: readonly string[];
  /**
   * No artifact of that name; no file matched the glob; the matched reports held no test
   * case; or the artifact was refused as unsafe (`detail` says why).
   */
  readonly reason: "no-artifact" | "no-match" | "empty" | "rejected" | "unreadable";
  /** Why the artifact was refused ("rejected") or could not be downloaded ("unreadable"). */
  readonly detail?: string;
  /** The workflow run's conclusion, when it did not succeed (a failed build often uploads nothing). */
  readonly runConclusion?: string | null;
  /** Entries of the artifact that were not read (symbolic links, encrypted, too big), with why; none matches the glob. */
  readonly rejected?: readonly EntryNotRead[];
}

export interface NoReportsRender {
  readonly title: string;
  readonly summary: string;
  readonly conclusion: "failure";
}

const MAX_LISTED = 50;
const MAX_NAME = 200;

/**
 * The check run when there are no test results to show: where the bot looked, what the manifest
 * asked for, the files it did see (first 50), and how to fix it. Level 2 needs at least one test,
 * so this always fails the check.
 */
export function renderNoReports(input: NoReportsInput): NoReportsRender {
  const artifact = inlineCode(cutText(input.artifactName, MAX_NAME));
  const glob = inlineCode(cutText(input.junitGlob, MAX_NAME));
  const lines: string[] = [];
  let title: string;
  let fix: string[];
  if (input.reason === "unreadable") {
    title = "No test results: the artifact could not be downloaded";
    lines.push(
      `## ❌ No test results`,
      "",
      `The artifact ${artifact} could not be downloaded: ${escapeMarkdown(cutText(input.detail ?? "unknown error", 500))}.`,
    );
    fix = [
      "Re-run the workflow (**Re-run jobs** on the run's page): the new attempt uploads the artifact again and gets a check run of its own.",
      "If the artifact expired, raise `retention-days` of `actions/upload-artifact` in the workflow.",
    ];
  } else if (input.reason === "rejected") {
    title = "No test results: the artifact was refused";
    lines.push(
      `## ❌ No test results`,
      "",
      `The artifact ${artifact} was refused: ${escapeMarkdown(cutText(input.detail ?? "unsafe content", 500))}.`,
    );
    fix = [
      "Upload only the JUnit reports and `images.json`: plain files with relative paths, no symbolic links, within the size limits of docs/junit.md.",
    ];
  } else if (input.reason === "no-artifact") {
    title = `No test results: the run has no artifact ${neutralizeMentions(cutText(input.artifactName, 100))}`;
    lines.push(`## ❌ No test results`, "", `The workflow run uploaded no artifact named ${artifact}.`);
    if (input.runConclusion && input.runConclusion !== "success") {
      lines.push(
        "",
        `The run's conclusion was ${inlineCode(input.runConclusion)}: it may have stopped before the upload.`,
      );
    }
    fix = [
      `Upload the results with \`actions/upload-artifact\` and \`name: ${cutText(input.artifactName, MAX_NAME).replace(/[`\n]/g, "")}\`, also when tests fail (\`if: \${{ !cancelled() }}\`).`,
      `Or change \`ci.artifact\` in \`${MANIFEST_PATH}\` to the name the workflow uses.`,
    ];
  } else if (input.reason === "no-match") {
    title = "No test results: no report matches the manifest";
    lines.push(`## ❌ No test results`, "", `No file in the artifact ${artifact} matches ${glob}.`);
    fix = [
      "Make the test runner write JUnit XML into the folder the artifact uploads (for example `reports/`).",
      `Or change \`junit\` in \`${MANIFEST_PATH}\` to match the files listed above; the glob is matched against paths inside the artifact.`,
    ];
  } else {
    title = "No tests found";
    lines.push(
      `## ❌ No tests found`,
      "",
      `The reports matching ${glob} in the artifact ${artifact} hold no test case.`,
    );
    fix = [
      "Check that the test runner ran the tests and wrote its JUnit report after they finished.",
      "Level 2 needs at least one test; a report with no `<testcase>` does not count.",
    ];
  }
  lines.push(
    "",
    "### Where the bot looked",
    "",
    `- artifact: ${artifact}`,
    `- JUnit reports: ${glob} (the manifest's \`junit\`)`,
  );
  if (input.reason === "no-match" || input.reason === "empty") {
    const count = input.found.length;
    lines.push("", `### Files in the artifact (${formatCount(count)})`, "");
    if (count === 0) lines.push("_The artifact is empty._");
    for (const file of input.found.slice(0, MAX_LISTED))
      lines.push(`- ${inlineCode(cutText(file, MAX_NAME))}`);
    if (count > MAX_LISTED) lines.push(`- … and ${formatCount(count - MAX_LISTED)} more`);
  }
  const notRead = renderEntriesNotRead(input.rejected ?? []);
  if (notRead !== "") lines.push("", notRead);
  lines.push("", "### How to fix", "", ...fix.map((line) => `- ${line}`));
  return { title, summary: lines.join("\n"), conclusion: "failure" };
}
