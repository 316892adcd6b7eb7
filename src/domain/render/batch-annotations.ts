import { ANNOTATIONS_PER_REQUEST } from "../limits.js";
/** `items` in consecutive batches of at most `size` (GitHub takes 50 annotations per request); none for none. */
export function batchAnnotations<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
