import { buildRepositoryPolicy } from "../../../src/domain/registry/build-repository-policy.js";
import { RegistryConfigError } from "../../../src/domain/registry/registry-config-error.js";

const maintainer = "arn:aws:iam::123456789012:role/sofie-maintainers";
const bot = "arn:aws:iam::123456789012:role/sofie-bot";
const developer = "arn:aws:iam::210987654321:role/flexibility-ci";

interface Statement {
  Sid: string;
  Effect: string;
  Principal: { AWS: string[] };
  Action: string[];
}
const statements = (text: string) => (JSON.parse(text) as { Statement: Statement[] }).Statement;

describe("buildRepositoryPolicy", () => {
  it("grants push and pull to writers and pull only to readers", () => {
    const policy = JSON.parse(buildRepositoryPolicy({ writers: [maintainer, bot], readers: [developer] }));
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SofieMaintainersPushPull",
          Effect: "Allow",
          Principal: { AWS: [bot, maintainer] },
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload",
            "ecr:DescribeImages",
            "ecr:GetDownloadUrlForLayer",
            "ecr:InitiateLayerUpload",
            "ecr:ListImages",
            "ecr:PutImage",
            "ecr:UploadLayerPart",
          ],
        },
        {
          Sid: "SofieDevelopersPull",
          Effect: "Allow",
          Principal: { AWS: [developer] },
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        },
      ],
    });
  });

  it("is deterministic: order and duplicates of principals do not change the text", () => {
    const a = buildRepositoryPolicy({ writers: [maintainer, bot], readers: [developer] });
    const b = buildRepositoryPolicy({ writers: [bot, maintainer, bot], readers: [developer, developer] });
    expect(b).toBe(a);
  });

  it("has no statement for readers when there are none, and never a wildcard", () => {
    const text = buildRepositoryPolicy({ writers: [maintainer], readers: [] });
    expect(statements(text)).toHaveLength(1);
    expect(text).not.toContain("*");
    expect(text).not.toContain("Deny");
  });

  it("lists a reader who is also a writer only as a writer", () => {
    const [writers, readers] = statements(
      buildRepositoryPolicy({ writers: [maintainer], readers: [maintainer, developer] }),
    );
    expect(writers?.Principal.AWS).toEqual([maintainer]);
    expect(readers?.Principal.AWS).toEqual([developer]);
  });

  it("refuses a policy with no writer", () => {
    expect(() => buildRepositoryPolicy({ writers: [], readers: [developer] })).toThrow(
      /no writer; list the maintainers' IAM principal ARNs under registry.writers/,
    );
  });

  it.each([
    "*",
    "arn:aws:iam::*:root",
    "arn:aws:iam::123456789012:role/*",
    "123456789012",
    "",
    "arn:aws:s3:::bucket",
  ])("refuses the principal %p", (bad) => {
    expect(() => buildRepositoryPolicy({ writers: [maintainer], readers: [bad] })).toThrow(
      RegistryConfigError,
    );
    expect(() => buildRepositoryPolicy({ writers: [bad], readers: [] })).toThrow(/writer principal/);
  });
});
