/**
 * Cutting text to a limit without splitting a surrogate pair. Lengths are UTF-16 code units
 * (`string.length`), which is never less than the character count GitHub measures, so a text
 * within the limit here is within GitHub's limit too.
 */

const ELLIPSIS = "…";

/** `text` if it fits in `max` code units, else its start plus `…`, `max` units in all. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  return safeSlice(text, max - ELLIPSIS.length) + ELLIPSIS;
}

/** The first `end` code units of `text`, one less when that would split a surrogate pair. */
export function safeSlice(text: string, end: number): string {
  if (end <= 0) return "";
  if (end >= text.length) return text;
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character behind.
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

/** `text` cut so that its UTF-8 encoding fits in `maxBytes` (GitHub's annotation fields are limited in bytes). */
export function cutUtf8(text: string, maxBytes: number): string {
  // Every UTF-16 code unit takes at most 3 bytes, so short texts need no counting.
  if (text.length * 3 <= maxBytes) return text;
  const budget = maxBytes - 3; // room for the ellipsis, 3 bytes in UTF-8
  let bytes = 0;
  let endWithinBudget = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (pair) i++;
    if (bytes > maxBytes) return text.slice(0, endWithinBudget) + ELLIPSIS;
    if (bytes <= budget) endWithinBudget = i + 1;
  }
  return text;
}
