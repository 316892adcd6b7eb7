import { readFileSync } from "node:fs";
import {
  DEFAULT_POLICY,
  organisationPolicySchema,
  parsePolicy,
  validatePolicyObject,
} from "../../../src/config/policy.js";
import { formatProblem } from "../../../src/domain/problem.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");
const lines = (text: string) => parsePolicy(text, "policy.yml").problems.map(formatProblem);

describe("parsePolicy", () => {
  it("reads a full policy, drops _extends and applies defaults", () => {
    const { policy, problems } = parsePolicy(fixture("policy-valid.yml"), "policy.yml");
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      maintainers: "@sofie-iot/lmf-maintainers",
      ladder: {
        "4": {
          name: "Staged",
          requirements: [
            {
              id: "staging-rollout",
              description: "the rollout in staging is available",
              enforceAfter: "2027-01-01",
            },
          ],
        },
      },
      checks: { tests: "SOFIE tests", maturity: "SOFIE maturity", manifest: "SOFIE manifest" },
      topics: { prefix: "sofie-level-" },
      registry: {
        account: "123456789012",
        region: "eu-west-1",
        prefix: "sofie/",
        writers: ["arn:aws:iam::123456789012:role/sofie-maintainers"],
        readers: { "@sofie-iot/flexibility-team": ["arn:aws:iam::210987654321:role/flexibility-ci"] },
        lifecycle: { keepLast: 30, untaggedDays: 14 },
        scanOnPush: true,
        immutableTags: true,
      },
      clusters: {
        staging: { name: "sofie-staging", region: "eu-west-1", namespace: "{pilot}-staging" },
        production: { name: "sofie-prod", region: "eu-west-1", namespace: "{pilot}-production" },
      },
      automation: { promoteToStagingAfterRegistry: true, operatedDays: 7 },
    });
    expect(policy).not.toHaveProperty("_extends");
  });

  it("reports every problem at its line and column", () => {
    expect(lines(fixture("policy-invalid.yml"))).toEqual([
      `policy.yml:1:14 maintainers: "lmf-maintainers" is not a GitHub team; write it as "@organisation/team-slug", e.g. "@sofie-iot/flexibility-team"`,
      `policy.yml:3:3 ladder.8: unknown key "8"; allowed keys here: 1, 2, 3, 4, 5, 6, 7`,
      `policy.yml:6:15 ladder.3.requirements[0].id: "In_Registry" is not a requirement id; use lowercase letters, digits and '-', e.g. "integration-tests-pass"`,
      `policy.yml:7:11 checks.test: unknown key "test"; did you mean "tests"?`,
      `policy.yml:9:12 registry.account: "1234" is not an AWS account id; write the 12 digits in quotes, e.g. account: "123456789012"`,
      `policy.yml:10:11 registry.region: "europe" is not an AWS region; write it like "eu-west-1"`,
      `policy.yml:11:13 registry.writers[0]: "arn:aws:iam::123456789012:group/admins" is not an IAM principal ARN; write it like "arn:aws:iam::123456789012:role/sofie-maintainers" (root, user/…, role/… or sts assumed-role/…)`,
      `policy.yml:12:14 registry.readers.flexibility-team: "flexibility-team" is not a GitHub team; write it as "@organisation/team-slug", e.g. "@sofie-iot/flexibility-team"`,
      `policy.yml:13:26 registry.lifecycle.keepLast: 0 is not an image count; use a whole number of at least 1`,
      `policy.yml:14:15 registry.scanOnPush: expected true or false, found "yes"; write true or false (YAML 1.2 reads yes, no, on and off as text)`,
      `policy.yml:16:12 clusters.staging.region: required key "region" is missing; add it under clusters.staging`,
      `policy.yml:16:46 clusters.staging.namespace: "{team}-staging" uses the unknown placeholder "{team}"; the placeholders are {pilot} and {component}`,
      `policy.yml:17:29 automation.operatedDays: expected a number, found "seven"`,
    ]);
  });

  it("accepts an empty mapping and an _extends-only file as the defaults", () => {
    expect(parsePolicy("{}\n", "p.yml").policy).toEqual(DEFAULT_POLICY);
    expect(parsePolicy("_extends: .github\n", "p.yml").policy).toEqual(DEFAULT_POLICY);
  });

  it("suggests a misspelt top-level key and never suggests _extends", () => {
    expect(lines("maintainer: '@o/t'\n")).toEqual([
      `policy.yml:1:1 maintainer: unknown key "maintainer"; did you mean "maintainers"?`,
    ]);
    expect(lines("_extend: .github\n")[0]).toMatch(
      /allowed keys here: maintainers, ladder, checks, topics, registry, clusters, automation$/,
    );
  });

  it("needs the registry's account, region and writers when there is a registry", () => {
    expect(lines("registry:\n  prefix: sofie/\n")).toEqual([
      `policy.yml:2:3 registry.account: required key "account" is missing; add it under registry`,
      `policy.yml:2:3 registry.region: required key "region" is missing; add it under registry`,
      `policy.yml:2:3 registry.writers: required key "writers" is missing; add it under registry`,
    ]);
  });

  it("refuses duplicate requirement ids and a namespace that is not a label", () => {
    const text = [
      "ladder:",
      "  5:",
      "    requirements:",
      "      - { id: it-pass, description: a }",
      "      - { id: it-pass, description: b }",
      "clusters:",
      '  production: { name: prod, region: eu-west-1, namespace: "Prod_{pilot}" }',
    ].join("\n");
    expect(lines(text)).toEqual([
      `policy.yml:5:15 ladder.5.requirements[1].id: the requirement id "it-pass" is used twice in this level; give each requirement its own id`,
      `policy.yml:7:59 clusters.production.namespace: "Prod_{pilot}" does not give a valid Kubernetes namespace; use lowercase letters, digits, '-' and the placeholders {pilot} and {component}, e.g. "{pilot}-production"`,
    ]);
  });

  it("reports hostile input through the same checks as the manifest", () => {
    expect(lines(fixture("evil-billion-laughs.yml").replace(/^component:/m, "maintainers:"))[0]).toMatch(
      /^policy\.yml:3:12 the aliases \(\*name\) in this file expand to too much data/,
    );
    expect(lines("- maintainers\n")).toEqual([
      "policy.yml:1:1 the top level must be a mapping (key: value) with keys such as maintainers, registry, clusters, not a list",
    ]);
  });
});

describe("validatePolicyObject", () => {
  it("gives the default policy when the organisation has none", () => {
    expect(validatePolicyObject(null, "policy.yml")).toEqual({ policy: DEFAULT_POLICY, problems: [] });
    expect(validatePolicyObject(undefined, "policy.yml").policy).toBe(DEFAULT_POLICY);
  });

  it("validates what context.config() returns, with paths and no positions", () => {
    const { policy, problems } = validatePolicyObject(
      {
        _extends: "other",
        maintainers: "@o/t",
        topics: { prefix: "Sofie" },
        automation: { operatedDayz: 3 },
      },
      ".github/sofie-integration.yml",
    );
    expect(policy).toBeUndefined();
    expect(problems).toEqual([
      {
        file: ".github/sofie-integration.yml",
        line: 1,
        column: 1,
        message: `topics.prefix: "Sofie" is not a topic prefix; GitHub topics use lowercase letters, digits and '-', e.g. "sofie-level-"`,
        severity: "error",
        path: "topics.prefix",
      },
      {
        file: ".github/sofie-integration.yml",
        line: 1,
        column: 1,
        message: `automation.operatedDayz: unknown key "operatedDayz"; did you mean "operatedDays"?`,
        severity: "error",
        path: "automation.operatedDayz",
      },
    ]);
  });

  it("refuses a non-mapping", () => {
    expect(validatePolicyObject(["x"], "p.yml").problems[0]?.message).toMatch(/not a list$/);
    expect(validatePolicyObject("x", "p.yml").problems[0]?.message).toMatch(/not a single value$/);
  });

  it("accepts an unquoted 12-digit account and keeps it as a string", () => {
    const { policy } = validatePolicyObject(
      {
        registry: {
          account: 123456789012,
          region: "us-gov-west-1",
          writers: ["arn:aws:iam::123456789012:root"],
        },
      },
      "p.yml",
    );
    expect(policy?.registry?.account).toBe("123456789012");
    expect(policy?.registry?.prefix).toBe("sofie/");
  });
});

describe("DEFAULT_POLICY", () => {
  it("has defaults for checks, topics and automation and no maintainers", () => {
    expect(DEFAULT_POLICY).toEqual({
      checks: { tests: "SOFIE tests", maturity: "SOFIE maturity", manifest: "SOFIE manifest" },
      topics: { prefix: "sofie-level-" },
      clusters: {},
      automation: { promoteToStagingAfterRegistry: false, operatedDays: 7 },
    });
    expect(DEFAULT_POLICY.maintainers).toBeUndefined();
    expect(Object.isFrozen(DEFAULT_POLICY.checks)).toBe(true);
    expect(organisationPolicySchema.parse({})).toEqual(DEFAULT_POLICY);
  });
});
