import { stripControl } from "./markdown-escape.js";

/** Length of the longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === char) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

/**
 * A fenced code block showing `text` verbatim. The fence is longer than any backtick run in
 * the text, so nothing inside can close it early.
 */
export function codeBlock(text: string, language = "text"): string {
  const body = stripControl(text).replace(/\n+$/, "");
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** An inline code span for `text` (one line), fenced and padded so backticks inside read literally. */
export function inlineCode(text: string): string {
  const body = stripControl(text).replace(/\n/g, " ");
  if (body === "") return "` `";
  const fence = "`".repeat(longestRun(body, "`") + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
