import { z } from "zod";
import type { Ladder } from "./ladder.js";

const requirementSchema = z.object({
  id: z.string().min(1),
  description: z.string(),
  check: z.string().min(1).exactOptional(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).exactOptional(),
});

const levelSchema = z.object({
  level: z.number().int().min(1).max(7),
  name: z.string(),
  requirements: z.array(requirementSchema),
  gate: z.object({
    by: z.enum(["developers", "maintainers", "automatic"]),
    command: z.string().exactOptional(),
    description: z.string(),
  }),
});

/**
 * A resolved ladder as data (what `applyLadderOverrides` gives), for payloads that carry
 * one: a job queued with the ladder of its time reads it back checked.
 */
export const ladderSchema: z.ZodType<Ladder> = z.object({ levels: z.array(levelSchema) });
