/** Longest rendering of a user's value we echo back in a message; hostile files carry megabyte strings. */
const MAX_SHOWN = 60;

/**
 * Renders a value from a user's file for a problem message: JSON-quoted, on one line, and cut to a
 * readable length so that a huge or multi-line value never floods a check-run annotation.
 */
export function showValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = "nothing";
  else if (typeof value === "string") text = JSON.stringify(value);
  else if (Array.isArray(value)) text = "a list";
  else if (value !== null && typeof value === "object") text = "a mapping";
  else text = String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
