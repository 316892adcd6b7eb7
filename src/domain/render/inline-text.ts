import { neutralizeMentions } from "./neutralize-mentions.js";

/**
 * Makes a piece of text safe to put on one Markdown line in an issue or check run: one line,
 * at most `max` characters, no HTML (so nobody can forge our `<!-- sofie:... -->` markers or
 * hide text), no @-mentions (an issue body edit must not ping a team on every update) and,
 * in tables, no cell breaks. Text from partners (manifest problems, test names) goes through here.
 */
export function inlineText(
  text: string,
  options: { readonly max?: number; readonly table?: boolean } = {},
): string {
  const max = options.max ?? 500;
  // Cut before escaping so an entity is never split, and by code points so an emoji is never split.
  const chars = Array.from(
    text
      .slice(0, max * 2 + 2)
      .replace(/\s+/gu, " ")
      .trim(),
  );
  let out = chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join("")}…` : chars.join("");
  out = neutralizeMentions(out.replace(/</g, "&lt;"));
  if (options.table) out = out.replace(/\|/g, "\\|");
  return out;
}

/** `inlineText` with the first letter capitalised, for a reason that follows a bold lead-in. */
export function sentence(text: string, max = 1000): string {
  const out = inlineText(text, { max });
  return out.charAt(0).toUpperCase() + out.slice(1);
}
