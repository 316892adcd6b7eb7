import { JunitParseError } from "../../../src/domain/junit/junit-parse-error.js";
import { parseBytes } from "../../helpers/junit.js";

/** Pieces that stress how captured output is skipped: markers, entities, CDATA, line ends, lookalikes. */
const PIECES = [
  "plain text",
  "\n",
  "\r\n",
  "\r",
  "&amp;",
  "&lt;tag&gt;",
  "&quot;&apos;",
  "&#10;",
  "&#x41;",
  "]",
  "]]",
  "<![CDATA[ cdata <b> & ]] ]]>",
  "<![CDATA[\r\nmulti\nline\r]]>",
  "ü€🚀",
  "<system-out>",
  "</system-err>",
  "<!-- comment -->",
  "<b>child</b>",
  "&bogus;",
  "]]>",
  "&",
  // Long runs: skipped with native searches past 64 plain bytes.
  "INFO a log line of a long test run, with [brackets] and more\n".repeat(3),
  `${"x".repeat(80)}]]>`,
  `<![CDATA[${"y".repeat(100)}]${"y".repeat(70)}]]>`,
  `${"z".repeat(90)}&amp;${"z".repeat(90)}&bogus;`,
];

function randomDoc(random: () => number): string {
  const output = (tag: string): string => {
    let body = "";
    const n = Math.floor(random() * 8);
    for (let k = 0; k < n; k++) body += PIECES[Math.floor(random() * PIECES.length)];
    return `<${tag}>${body}</${tag}>`;
  };
  return (
    `<?xml version="1.0"?>\n<testsuite name="s">\n<!-- <system-out> in a comment -->\n` +
    `<testcase name="a">${output("system-out")}\n${output("system-err")}</testcase>\n` +
    `<testcase name="b"><failure><![CDATA[<system-out>x</system-out>]]></failure>${output("system-out")}</testcase>\n` +
    `${output("system-out")}</testsuite>\n`
  );
}

async function outcome(xml: string, fast: boolean, chunk: number): Promise<unknown> {
  try {
    return await parseBytes(xml, { skipOutputFast: fast }, chunk);
  } catch (err) {
    if (!(err instanceof JunitParseError)) throw err;
    return err.message; // the same reason at the same place, whatever the chunking
  }
}

describe("system-out and system-err", () => {
  it("are read leniently, yet accept and reject what the strict reading does, at the same place, in any chunking", async () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const xml = randomDoc(random);
      const reference = await outcome(xml, false, 1 << 16);
      for (const chunk of [1, 2, 5, 13, 97, 1 << 16]) {
        const got = await outcome(xml, true, chunk);
        if (JSON.stringify(got) !== JSON.stringify(reference)) {
          throw new Error(
            `differs at chunk ${chunk}:\n${xml}\nfast: ${JSON.stringify(got)}\nstrict: ${JSON.stringify(reference)}`,
          );
        }
      }
    }
  });
});
