import {
  MENTION_BREAK,
  neutralizeMarkdownMentions,
  neutralizeMentions,
} from "../../../src/domain/render/neutralize-mentions.js";
import { liveMentions } from "../../helpers/live-mentions.js";

const B = MENTION_BREAK;

describe("neutralizeMentions", () => {
  it("breaks users and teams wherever GitHub could link them, and nothing else", () => {
    expect(neutralizeMentions("@octocat, (@org/team) `@x [@y] /@z")).toBe(
      `@${B}octocat, (@${B}org/team) \`@${B}x [@${B}y] /@${B}z`,
    );
    expect(neutralizeMentions("a@b.com image@sha256:abc @ alone @-")).toBe(
      `a@b.com image@sha256:abc @ alone @${B}-`,
    );
  });

  it("is idempotent and invisible", () => {
    const once = neutralizeMentions("ping @octocat");
    expect(neutralizeMentions(once)).toBe(once);
    expect(once.replace(B, "")).toBe("ping @octocat");
  });
});

describe("neutralizeMarkdownMentions", () => {
  it("leaves code spans and fenced blocks as they are and breaks the rest", () => {
    const code = ["```text", "@in-fence", "```", "~~~~", "@in-tilde-fence", "~~~", "still fenced @x", "~~~~"];
    const markdown = ["cc @octocat and `@sofie-iot/team` and ``a ` @inner``", ...code, "after @y"];
    expect(neutralizeMarkdownMentions(markdown.join("\n")).split("\n")).toEqual([
      `cc @${B}octocat and \`@sofie-iot/team\` and \`\`a \` @inner\`\``,
      ...code,
      `after @${B}y`,
    ]);
  });

  it("breaks mentions where a backtick opens no span: escaped, unclosed, or of another length", () => {
    for (const line of ["\\`@a\\`", "`@a", "``@a`", "```@a` not a fence"]) {
      expect(liveMentions(neutralizeMarkdownMentions(line))).toEqual([]);
    }
  });
});
