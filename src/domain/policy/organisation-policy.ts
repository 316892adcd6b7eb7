import { z } from "zod";
import { githubTeam, integerAtLeast, integerIn, yamlBoolean } from "../validation/field-schemas.js";
import { DEFAULT_CHECK_NAMES } from "../names.js";
import { showValue } from "../yaml/show-value.js";

const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;
const PRINCIPAL_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?:(?:iam::\d{12}:(?:root|(?:user|role)\/[A-Za-z0-9+=,.@_/-]{1,512})|sts::\d{12}:assumed-role\/[A-Za-z0-9+=,.@_/-]{1,512})$/;
const REPOSITORY_PREFIX = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*$/;
const EKS_CLUSTER = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const NAMESPACE_PLACEHOLDERS = ["pilot", "component"];

const region = () =>
  z.string().regex(REGION, {
    error: (issue) => `${showValue(issue.input)} is not an AWS region; write it like "eu-west-1"`,
  });

const principalArn = z.string().regex(PRINCIPAL_ARN, {
  error: (issue) =>
    `${showValue(issue.input)} is not an IAM principal ARN; write it like "arn:aws:iam::123456789012:role/sofie-maintainers" (root, user/…, role/… or sts assumed-role/…)`,
});

const checkName = (fallback: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `the check name is empty; give one, e.g. "${fallback}", or leave the key out` })
    .max(100, { error: "the check name is longer than 100 characters; shorten it" })
    .default(fallback);

// A 12-digit number cannot have lost a leading zero, so an unquoted account id is accepted as is.
const accountId = z.preprocess(
  (value) => (typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value),
  z.string().regex(/^\d{12}$/, {
    error: (issue) =>
      `${showValue(issue.input)} is not an AWS account id; write the 12 digits in quotes, e.g. account: "123456789012"`,
  }),
);

const namespaceTemplate = (fallback: string) =>
  z
    .string()
    .superRefine((template, ctx) => {
      for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
        if (!NAMESPACE_PLACEHOLDERS.includes(match[1] ?? "")) {
          ctx.addIssue({
            code: "custom",
            message: `${showValue(template)} uses the unknown placeholder ${showValue(match[0])}; the placeholders are {pilot} and {component}`,
          });
          return;
        }
      }
      const sample = template.replace(/\{(pilot|component)\}/g, "x");
      if (!DNS_LABEL.test(sample)) {
        ctx.addIssue({
          code: "custom",
          message: `${showValue(template)} does not give a valid Kubernetes namespace; use lowercase letters, digits, '-' and the placeholders {pilot} and {component}, e.g. "${fallback}"`,
        });
      }
    })
    .default(fallback);

const cluster = (namespace: string) =>
  z.strictObject({
    name: z.string().regex(EKS_CLUSTER, {
      error: (issue) =>
        `${showValue(issue.input)} is not an EKS cluster name; use letters, digits, '-' and '_', starting with a letter or digit`,
    }),
    region: region(),
    namespace: namespaceTemplate(namespace),
  });

const requirementSchema = z.looseObject({
  id: z.string().regex(/^[a-z0-9-]+$/, {
    error: (issue) =>
      `${showValue(issue.input)} is not a requirement id; use lowercase letters, digits and '-', e.g. "integration-tests-pass"`,
  }),
  description: z.string().min(1, { error: "the description is empty; say what must hold" }),
});

const levelSchema = z.strictObject({
  name: z.string().trim().min(1, { error: "the level name is empty; give one or leave name out" }).optional(),
  requirements: z
    .array(requirementSchema)
    .superRefine((requirements, ctx) => {
      const seen = new Set<string>();
      requirements.forEach((requirement, index) => {
        if (seen.has(requirement.id)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "id"],
            message: `the requirement id "${requirement.id}" is used twice in this level; give each requirement its own id`,
          });
        }
        seen.add(requirement.id);
      });
    })
    .optional(),
});

/** The policy's `registry:` section; its output parses again to itself (promotion jobs carry it). */
export const registrySchema = z.strictObject({
  account: accountId,
  region: region(),
  prefix: z
    .string()
    .regex(REPOSITORY_PREFIX, {
      error: (issue) =>
        `${showValue(issue.input)} is not a repository prefix; use lowercase path parts each ending in '/', e.g. "sofie/", or "" for none`,
    })
    .default("sofie/"),
  writers: z.array(principalArn).min(1, { error: "no writers; list the maintainers' IAM principal ARNs" }),
  readers: z.record(githubTeam(), z.array(principalArn)).default({}),
  lifecycle: z
    .strictObject({
      keepLast: integerAtLeast(1, "an image count").default(50),
      untaggedDays: integerAtLeast(1, "a number of days").default(14),
    })
    .prefault({}),
  scanOnPush: yamlBoolean().default(true),
  immutableTags: yamlBoolean().default(true),
});

/**
 * The schema of the organisation policy `.github/sofie-integration.yml`; parsing applies the defaults.
 * A top-level `_extends` (Probot's config inheritance) is accepted and dropped from the result.
 */
export const organisationPolicySchema = z
  .strictObject({
    _extends: z.string().optional(),
    maintainers: githubTeam().optional(),
    ladder: z.partialRecord(z.enum(["1", "2", "3", "4", "5", "6", "7"]), levelSchema).optional(),
    checks: z
      .strictObject({
        tests: checkName(DEFAULT_CHECK_NAMES.tests),
        maturity: checkName(DEFAULT_CHECK_NAMES.maturity),
        manifest: checkName(DEFAULT_CHECK_NAMES.manifest),
      })
      .prefault({}),
    topics: z
      .strictObject({
        prefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, {
            error: (issue) =>
              `${showValue(issue.input)} is not a topic prefix; GitHub topics use lowercase letters, digits and '-', e.g. "sofie-level-"`,
          })
          .default("sofie-level-"),
      })
      .prefault({}),
    registry: registrySchema.optional(),
    clusters: z
      .strictObject({
        staging: cluster("{pilot}-staging").optional(),
        production: cluster("{pilot}-production").optional(),
      })
      .default({}),
    automation: z
      .strictObject({
        promoteToStagingAfterRegistry: yamlBoolean().default(false),
        operatedDays: integerIn(1, 365, "a number of days").default(7),
      })
      .prefault({}),
  })
  .transform(({ _extends: _ignored, ...policy }) => policy);

/** A validated organisation policy, with defaults applied. */
export type OrganisationPolicy = z.output<typeof organisationPolicySchema>;
/** The registry section of the policy. */
export type RegistryPolicy = NonNullable<OrganisationPolicy["registry"]>;
/** One cluster of the policy (staging or production). */
export type ClusterPolicy = NonNullable<OrganisationPolicy["clusters"]["staging"]>;
