import { z } from "zod";
import {
  dnsLabel,
  envVarName,
  gitBranchName,
  githubTeam,
  integerIn,
  relativePath,
  relativePathProblem,
} from "../validation/field-schemas.js";
import { showValue } from "../yaml/show-value.js";
import { tagTemplateProblem } from "./tag-template.js";
import { MAX_PORT } from "../limits.js";
import { CI_ARTIFACT, CI_WORKFLOW_FILE, JUNIT_GLOB, WORKFLOWS_FOLDER } from "../names.js";

/** OCI repository path component: lowercase alphanumerics joined by `.`, `_`, `__` or dashes. */
const OCI_NAME_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const WORKFLOW_FILE = /^[A-Za-z0-9_.-]+\.ya?ml$/;
/** Characters GitHub refuses in artifact names. */
const ARTIFACT_FORBIDDEN = /["<>|*?\r\n\\/:]/;

const portSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/, {
    error: (issue) =>
      `${showValue(issue.input)} is not a port name; use 1 to 15 lowercase letters, digits and '-', e.g. "http"`,
  }),
  env: envVarName(),
  default: integerIn(1, MAX_PORT, "a port number"),
});

const addressSchema = z.strictObject({
  env: envVarName(),
  default: z
    .string()
    .min(1, { error: "the default address is empty; give a host name or IP address, or leave default out" })
    .optional(),
});

const tagSchema = z.string().superRefine((template, ctx) => {
  const problem = tagTemplateProblem(template);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** One image the component's CI builds. */
export const imageSpecSchema = z
  .strictObject({
    name: z
      .string()
      .max(128, { error: "the image name is longer than 128 characters; shorten it" })
      .regex(OCI_NAME_COMPONENT, {
        error: (issue) =>
          `${showValue(issue.input)} is not an image name; use lowercase letters and digits, separated by '.', '_' or '-', e.g. "${String(
            issue.input,
          )
            .toLowerCase()
            .replace(/[^a-z0-9._-]+/g, "-")
            .replace(/^[._-]+|[._-]+$/g, "")}"`,
      }),
    dockerfile: relativePath("Dockerfile").default("Dockerfile"),
    context: relativePath(".").default("."),
    tags: z
      .array(tagSchema)
      .min(1, {
        error: 'no tags; give at least one tag template, e.g. ["{sha}", "latest"], or leave tags out',
      })
      .default(["{sha}", "{branch}", "latest"]),
    ports: z.array(portSchema).default([]),
    addresses: z.array(addressSchema).default([]),
  })
  .superRefine((image, ctx) => {
    // Ports and addresses are both handed to the container as environment variables: one namespace.
    const seen = new Set<string>();
    const check = (list: "ports" | "addresses", index: number, env: string) => {
      if (seen.has(env)) {
        ctx.addIssue({
          code: "custom",
          path: [list, index, "env"],
          message: `the environment variable "${env}" is declared twice in this image; give each port and address its own variable`,
        });
      }
      seen.add(env);
    };
    image.ports.forEach((port, index) => check("ports", index, port.env));
    image.addresses.forEach((address, index) => check("addresses", index, address.env));
  });

const ciSchema = z.strictObject({
  workflow: z
    .string()
    .regex(WORKFLOW_FILE, {
      error: (issue) =>
        `${showValue(issue.input)} is not a workflow file name; give the file name in ${WORKFLOWS_FOLDER}, without folders, ending in .yml or .yaml, e.g. "${CI_WORKFLOW_FILE}"`,
    })
    .default(CI_WORKFLOW_FILE),
  artifact: z
    .string()
    .min(1, {
      error: `the artifact name is empty; give the name your workflow uploads, e.g. "${CI_ARTIFACT}"`,
    })
    .max(255, { error: "the artifact name is longer than 255 characters; shorten it" })
    .refine((name) => !ARTIFACT_FORBIDDEN.test(name), {
      error: (issue) =>
        `${showValue(issue.input)} is not a valid artifact name; GitHub refuses the characters " : < > | * ? \\ / and line breaks in it`,
    })
    .default(CI_ARTIFACT),
});

const junitSchema = z.string().superRefine((glob, ctx) => {
  const problem = relativePathProblem(glob);
  if (problem) {
    ctx.addIssue({
      code: "custom",
      message: `${showValue(glob)} ${problem}; give a glob relative to the artifact's root, e.g. "reports/**/*.xml"`,
    });
  }
});

const deploySchema = z.strictObject({
  replicas: integerIn(0, 50, "a replica count").default(1),
  env: z.record(envVarName(), z.string()).default({}),
});

/** The schema of `.sofie/component.yml`; parsing applies the defaults. */
export const componentManifestSchema = z.strictObject({
  component: dnsLabel(),
  pilot: dnsLabel(),
  branch: gitBranchName().default("main"),
  ci: ciSchema.prefault({}),
  junit: junitSchema.default(JUNIT_GLOB),
  images: z
    .array(imageSpecSchema)
    .min(1, { error: "no images; declare at least one image the CI builds, with its name" })
    .superRefine((images, ctx) => {
      const seen = new Set<string>();
      images.forEach((image, index) => {
        if (seen.has(image.name)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `the image name "${image.name}" is used twice; each image needs its own name`,
          });
        }
        seen.add(image.name);
      });
    }),
  developers: githubTeam(),
  deploy: deploySchema.optional(),
});

/** A validated component manifest, with defaults applied. */
export type ComponentManifest = z.output<typeof componentManifestSchema>;
/** One image of a manifest, with defaults applied. */
export type ImageSpec = z.output<typeof imageSpecSchema>;
