import type { YAMLError } from "yaml";
import { showValue } from "./show-value.js";

/**
 * A one-line message for a YAML syntax error or warning that says how to fix it. `source` is the
 * text from where the error points (the duplicated key, the tag, the alias), used to name it.
 */
export function yamlErrorMessage(error: YAMLError, source: string): string {
  // A tag or an alias ends at white space; a key at its ':' or the line's end.
  const token = /^(?:TAG_RESOLVE_FAILED|BAD_ALIAS)$/.test(error.code)
    ? (/^\S*/.exec(source)?.[0] ?? "")
    : (/^[^:\n]*/.exec(source)?.[0] ?? "");
  const shown = showValue(token.trim());
  switch (error.code) {
    case "DUPLICATE_KEY":
      return `duplicate key ${shown}: a key may appear only once in a mapping; remove or merge the repeated one`;
    case "TAB_AS_INDENT":
      return "a tab is used for indentation; YAML allows only spaces there, replace the tab with spaces";
    case "MULTIPLE_DOCS":
      return "the file holds more than one YAML document (a second `---`); keep a single document";
    case "TAG_RESOLVE_FAILED":
      return `the tag ${shown} is not supported; remove it and write a plain value (only standard YAML 1.2 core tags are read)`;
    case "BAD_ALIAS":
      return `the alias ${shown} refers to no anchor defined before it; define the anchor (&name) first or write the value out`;
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return `YAML syntax error: ${lowerFirst(error.message)}; check the indentation and the quoting on this line`;
    default:
      if (/call stack/i.test(error.message)) {
        return "the YAML is nested too deeply to read; flatten it";
      }
      return `YAML syntax error: ${lowerFirst(error.message)}`;
  }
}

function lowerFirst(text: string): string {
  const firstLine = text.split("\n", 1)[0] ?? "";
  return firstLine.charAt(0).toLowerCase() + firstLine.slice(1);
}
