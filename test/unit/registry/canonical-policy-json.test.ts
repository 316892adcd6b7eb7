import { canonicalPolicyJson } from "../../../src/domain/registry/canonical-policy-json.js";

describe("canonicalPolicyJson", () => {
  it("ignores indentation, key order and the order of statements, actions and principals", () => {
    const ours = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "A", Effect: "Allow", Principal: { AWS: ["arn:1", "arn:2"] }, Action: ["ecr:B", "ecr:A"] },
        { Sid: "B", Effect: "Allow", Principal: { AWS: ["arn:3"] }, Action: ["ecr:C"] },
      ],
    });
    // How ECR hands a policy back: re-indented, with one-element lists as plain strings.
    const theirs = `{
  "Statement" : [ {
    "Sid" : "B", "Effect" : "Allow", "Principal" : { "AWS" : "arn:3" }, "Action" : "ecr:C"
  }, {
    "Action" : [ "ecr:A", "ecr:B" ], "Sid" : "A", "Effect" : "Allow", "Principal" : { "AWS" : [ "arn:2", "arn:1" ] }
  } ],
  "Version" : "2012-10-17"
}`;
    expect(canonicalPolicyJson(theirs)).toBe(canonicalPolicyJson(ours));
  });

  it("tells different policies apart", () => {
    const a = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:1"},"Action":"ecr:A"}]}';
    const b = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:2"},"Action":"ecr:A"}]}';
    expect(canonicalPolicyJson(a)).not.toBe(canonicalPolicyJson(b));
  });

  it("keeps a wildcard principal a string, different from a list", () => {
    expect(canonicalPolicyJson('{"Principal":"*"}')).toBe('{"Principal":"*"}');
  });

  it("gives undefined for text that is not JSON", () => {
    expect(canonicalPolicyJson("{not json")).toBeUndefined();
    expect(canonicalPolicyJson("")).toBeUndefined();
  });

  it("does not let a __proto__ key change the result's prototype", () => {
    const text = canonicalPolicyJson('{"__proto__":{"polluted":true},"a":1}');
    expect(text).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("gives undefined, without a crash, for hostile nesting and huge text", () => {
    expect(canonicalPolicyJson("[".repeat(200_000) + "]".repeat(200_000))).toBeUndefined();
    expect(canonicalPolicyJson(`"${"x".repeat(2_000_000)}"`)).toBeUndefined();
  });
});
