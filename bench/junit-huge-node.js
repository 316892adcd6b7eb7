// Small JUnit reports where a single XML node is huge: what the parser must not accumulate.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Each report: a suite with one case, and one node of the given kind holding `size` bytes. */
export const HUGE_NODES = [
  { id: "attribute", label: "attribute value (testcase name)" },
  { id: "ignored-attribute", label: "attribute value (ignored element)" },
  { id: "text", label: "text outside captured output" },
  { id: "failure", label: "failure text (kept, cut at the limit)" },
  { id: "system-out", label: "system-out text" },
  { id: "comment", label: "comment" },
  { id: "cdata", label: "CDATA section" },
  { id: "pi", label: "processing instruction" },
  { id: "tag-name", label: "tag name" },
];

const PIECES = {
  attribute: ['<testcase name="', '"/>'],
  "ignored-attribute": [
    '<testcase name="a"><properties><property name="p" value="',
    '"/></properties></testcase>',
  ],
  text: ['<testcase name="a"/><unknown>', "</unknown>"],
  failure: ['<testcase name="a"><failure message="m">', "</failure></testcase>"],
  "system-out": ['<testcase name="a"/><system-out>', "</system-out>"],
  comment: ['<testcase name="a"/><!--', "-->"],
  cdata: ['<testcase name="a"/><unknown><![CDATA[', "]]></unknown>"],
  pi: ['<testcase name="a"/><?target ', "?>"],
  "tag-name": ['<testcase name="a"/><x', "/>"],
};

/** Writes the report for `id` with `size` bytes of filler in the huge node. */
export async function generateHugeNode(path, id, size) {
  const [open, close] = PIECES[id];
  const out = createWriteStream(path);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="huge">${open}`);
  const filler = "abcdefghij".repeat(1 << 16); // 640 KiB, no line break: one node, one line
  for (let written = 0; written < size; written += filler.length) await write(filler);
  await write(`${close}</testsuite>\n`);
  out.end();
  await once(out, "finish");
}
