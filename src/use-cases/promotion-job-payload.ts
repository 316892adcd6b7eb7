import { z } from "zod";
import { registrySchema } from "../domain/policy/organisation-policy.js";
import { ladderSchema } from "../domain/maturity/ladder-schema.js";
import type { PromotionJobPayload } from "./request-promotion.js";

const nonEmpty = z.string().min(1);
const id = z.number().int().positive();

/** A promotion job's payload, checked when it is queued and again when it is run. */
export const promotionJobPayloadSchema: z.ZodType<PromotionJobPayload> = z.object({
  repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: 'not a repository; expected "owner/name"' }),
  installationId: id,
  sha: z.string().regex(/^[0-9a-f]{7,64}$/, { error: "not a commit sha" }),
  pilot: nonEmpty,
  component: nonEmpty,
  developers: z.string(),
  images: z.array(
    z.object({
      name: nonEmpty,
      ref: nonEmpty,
      digest: nonEmpty,
      tags: z.array(z.string()),
    }),
  ),
  requestedBy: nonEmpty,
  automatic: z.boolean(),
  issueNumber: id.exactOptional(),
  replyId: id.exactOptional(),
  registry: registrySchema,
  outputs: z.object({ ladder: ladderSchema }),
});
