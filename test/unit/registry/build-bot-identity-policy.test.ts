import { buildBotIdentityPolicy } from "../../../src/domain/registry/build-bot-identity-policy.js";
import { RegistryConfigError } from "../../../src/domain/registry/registry-config-error.js";

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string;
}
const statements = (text: string) => (JSON.parse(text) as { Statement: Statement[] }).Statement;

describe("buildBotIdentityPolicy", () => {
  it("scopes everything but the registry login to the prefix's repositories", () => {
    const policy = statements(
      buildBotIdentityPolicy({ account: "123456789012", region: "eu-west-1", prefix: "sofie/" }),
    );
    expect(policy.map((statement) => [statement.Sid, statement.Resource])).toEqual([
      ["RegistryLogin", "*"],
      ["ManageSofieRepositories", "arn:aws:ecr:eu-west-1:123456789012:repository/sofie/*"],
      ["CopySofieImages", "arn:aws:ecr:eu-west-1:123456789012:repository/sofie/*"],
    ]);
    expect(policy[0]?.Action).toEqual(["ecr:GetAuthorizationToken"]);
    expect(policy.flatMap((statement) => statement.Action)).not.toContain("ecr:DeleteRepository");
    expect(policy.flatMap((statement) => statement.Action)).not.toContain("ecr:BatchDeleteImage");
  });

  it("uses the partition of China and GovCloud regions", () => {
    expect(buildBotIdentityPolicy({ account: "123456789012", region: "cn-north-1", prefix: "" })).toContain(
      '"arn:aws-cn:ecr:cn-north-1:123456789012:repository/*"',
    );
    expect(
      buildBotIdentityPolicy({ account: "123456789012", region: "us-gov-west-1", prefix: "a/" }),
    ).toContain("arn:aws-us-gov:ecr:");
  });

  it.each([
    { account: "12345", region: "eu-west-1", prefix: "" },
    { account: "123456789012", region: "*", prefix: "" },
    { account: "123456789012", region: "eu-west-1", prefix: "*" },
    { account: "123456789012", region: "eu-west-1", prefix: "sofie" },
  ])("refuses %p", (scope) => {
    expect(() => buildBotIdentityPolicy(scope)).toThrow(RegistryConfigError);
  });
});
