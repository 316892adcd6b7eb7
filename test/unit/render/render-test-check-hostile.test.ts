import type { TestCase, TestReport } from "../../../src/domain/junit/test-results.js";
import { renderTestCheck } from "../../../src/domain/render/render-test-check.js";
import { escapeMarkdown } from "../../../src/domain/render/markdown-escape.js";
import { codeBlock, inlineCode } from "../../../src/domain/render/code-block.js";
import { linesOutsideFences, markdownProblems } from "./markdown-checks.js";
import { suite, writeOutput } from "./sample-reports.js";

function failing(name: string, message: string, details: string, type?: string): TestCase {
  return {
    name,
    outcome: "failed",
    fault: { kind: "failure", message, details, truncated: false, ...(type ? { type } : {}) },
  };
}

function hostileReports(): TestReport[] {
  return [
    {
      file: "reports/`evil`|<b>.xml",
      suites: [
        suite("pipes | in | suite", [
          failing(
            "<script>alert('x')</script> & <img src=x onerror=alert(1)>",
            "message with | pipe and\nnewline and <details> tag",
            "line 1\n```\nstill inside\n````\n</details>\n<script>alert(2)</script>",
            "Error`with`ticks",
          ),
          failing("# heading? no", "**bold?** _no_ [link](http://evil) ![img](x)", "trace"),
          failing("x".repeat(10 * 1024), "y".repeat(10 * 1024), "z".repeat(10 * 1024)),
          failing("- list item?", "1. ordered?", "\u0000\u0007control\u001b[31m chars"),
          { name: "skipped\r\nwith CRLF", outcome: "skipped" },
        ]),
        suite("newline\nin suite name", [{ name: "ok", outcome: "passed" }]),
        suite("", [{ name: "", outcome: "passed" }]),
      ],
    },
  ];
}

describe("renderTestCheck with hostile names", () => {
  const result = renderTestCheck({ reports: hostileReports() });

  it("writes a summary that renders literally", () => {
    writeOutput("hostile", result.summary);
    expect(result.title).toBe("2 passed, 4 failed, 1 skipped");
    expect(markdownProblems(result.summary)).toEqual([]);
    expect(result.summary.length).toBeLessThanOrEqual(65535);
  });

  it("leaves no HTML tag, link or heading from the input outside code blocks", () => {
    const outside = linesOutsideFences(result.summary)!.join("\n");
    expect(outside).not.toContain("<script>");
    expect(outside).not.toContain("<img");
    expect(outside).toContain(
      "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
    );
    expect(outside).toContain("\\[link\\](http://evil)");
    expect(outside).toContain("\\*\\*bold?\\*\\*");
    expect(outside).not.toMatch(/^# heading/m);
    expect(outside).toContain("pipes \\| in \\| suite");
    expect(outside).toContain("newline in suite name");
  });

  it("keeps the hostile trace inside a fence longer than its backtick runs", () => {
    expect(result.summary).toContain(
      "`````text\nmessage with | pipe and\nnewline and <details> tag\n\nline 1\n```\nstill inside\n````\n</details>",
    );
    expect(result.summary).not.toContain("\u0000");
    expect(result.summary).not.toContain("\u001b");
  });

  it("cuts 10 KiB names and messages in headings", () => {
    const heading = result.summary
      .split("\n")
      .find((l) => l.startsWith("#### ❌ pipes") && l.includes("xxx"))!;
    expect(heading.length).toBeLessThan(700);
    expect(heading).toContain("…");
  });
});

describe("markdown helpers", () => {
  it("escapes what Markdown and HTML would interpret", () => {
    expect(escapeMarkdown("a|b<c>&d`e*f_g[h]i\\j")).toBe("a\\|b&lt;c&gt;&amp;d\\`e\\*f\\_g\\[h\\]i\\\\j");
    expect(escapeMarkdown("# title")).toBe("\\# title");
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("12. item")).toBe("12\\. item");
    expect(escapeMarkdown("two\nlines\r\nhere")).toBe("two lines here");
  });

  it("fences code with more backticks than the text holds", () => {
    expect(codeBlock("a ``` b")).toBe("````text\na ``` b\n````");
    expect(codeBlock("plain")).toBe("```text\nplain\n```");
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`x`")).toBe("`` `x` ``");
  });
});
