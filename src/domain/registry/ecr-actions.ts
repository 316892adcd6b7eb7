/**
 * The ECR repository actions the bot grants, by purpose, each list sorted as policies are
 * written. docs/registry.md says why each action is there.
 */
export const ECR_ACTIONS = {
  /**
   * A pull: check which layers exist, fetch a layer's download address, read manifests by tag
   * or digest.
   */
  pull: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
  /**
   * A push on top of a pull: start, send and finish a layer upload, write the manifest (which is
   * also what applies a tag).
   */
  push: ["ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"],
  /**
   * Read-only listing for the maintainers, so tools that ask "is this tag already there?" before
   * a push, and the console, work for them. Neither changes anything.
   */
  listing: ["ecr:DescribeImages", "ecr:ListImages"],
} as const satisfies Record<string, readonly string[]>;
