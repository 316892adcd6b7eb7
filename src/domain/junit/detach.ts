/**
 * A copy of `value` that does not keep its source alive. V8 represents a slice of a long
 * string as a view into it, so a test name sliced from a 1 MiB input chunk would pin the
 * whole chunk, and a report's worth of chunks would stay in memory through its names.
 */
export function detach(value: string): string {
  // Concatenating then slicing forces V8 to flatten into a fresh string of this size only.
  return value.length < 13 ? value : (" " + value).slice(1);
}
