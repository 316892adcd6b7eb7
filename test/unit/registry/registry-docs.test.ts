import { readFileSync } from "node:fs";
import { buildBotIdentityPolicy } from "../../../src/domain/registry/build-bot-identity-policy.js";
import { buildLifecyclePolicy } from "../../../src/domain/registry/build-lifecycle-policy.js";
import { buildRepositoryPolicy } from "../../../src/domain/registry/build-repository-policy.js";

// docs/registry.md prints what the builders write; this keeps the page and the code in step.
const docs = readFileSync(new URL("../../../docs/registry.md", import.meta.url), "utf8");
const generated = [...docs.matchAll(/<!-- generated: (\w+)\(.*?\) -->\n```json\n([\s\S]*?)\n```/g)].map(
  ([, builder, json]) => [builder, json] as const,
);

const expected: Record<string, string> = {
  buildRepositoryPolicy: buildRepositoryPolicy({
    writers: ["arn:aws:iam::123456789012:role/sofie-maintainers", "arn:aws:iam::123456789012:role/sofie-bot"],
    readers: ["arn:aws:iam::210987654321:role/flexibility-ci"],
  }),
  buildLifecyclePolicy: buildLifecyclePolicy({ keepLast: 50, untaggedDays: 14 }),
  buildBotIdentityPolicy: buildBotIdentityPolicy({
    account: "123456789012",
    region: "eu-west-1",
    prefix: "sofie/",
  }),
};

describe("docs/registry.md", () => {
  it("prints each policy document exactly as the code writes it", () => {
    expect(generated.map(([builder]) => builder).sort()).toEqual(Object.keys(expected).sort());
    for (const [builder, json] of generated) {
      expect({ builder, json }).toEqual({ builder, json: expected[builder] });
    }
  });
});
