/** Structural checks on rendered Markdown: what a reader's renderer would trip over. */

/** The lines outside fenced code blocks, or undefined when a fence is left open. */
export function linesOutsideFences(markdown: string): string[] | undefined {
  const outside: string[] = [];
  let fence = 0;
  for (const line of markdown.split("\n")) {
    const run = /^(`{3,})/.exec(line)?.[1]?.length ?? 0;
    if (fence === 0) {
      if (run >= 3) fence = run;
      else outside.push(line);
    } else if (run >= fence && line.trim() === "`".repeat(run)) {
      fence = 0;
    }
  }
  return fence === 0 ? outside : undefined;
}

function count(lines: readonly string[], needle: string): number {
  return lines.reduce((n, line) => n + line.split(needle).length - 1, 0);
}

/** Problems found; empty when the Markdown is well formed. */
export function markdownProblems(markdown: string, tableColumns = 7): string[] {
  const lines = linesOutsideFences(markdown);
  if (!lines) return ["a code fence is left open"];
  const problems: string[] = [];
  if (count(lines, "<details>") !== count(lines, "</details>")) problems.push("unbalanced <details>");
  for (const line of lines) {
    // Inline code shows `<` literally; strip spans of the same fence length first.
    const html = line.replace(/(`+)(?:(?!\1).)*?\1/g, "").replace(/<\/?(details|summary|br|sub)>/g, "");
    if (/<[a-z/!]/i.test(html)) problems.push(`raw HTML: ${line.slice(0, 120)}`);
    if (line.startsWith("| ")) {
      const pipes = line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 1;
      if (pipes !== tableColumns + 1) problems.push(`table row with ${pipes} pipes: ${line.slice(0, 120)}`);
    }
  }
  return problems;
}
