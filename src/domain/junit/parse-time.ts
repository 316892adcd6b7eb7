const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Reads a `time` attribute in seconds, leniently: some .NET and Gradle locales write
 * thousands separators ("1,234.5") or a decimal comma ("0,25"). Anything else unreadable
 * (empty, negative, NaN) gives `undefined` rather than an error: time is informative only.
 */
export function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const plain = Number(value); // the common case, fast
  if (value !== "" && plain >= 0 && plain !== Infinity) return plain;
  let text = value.trim();
  if (text.includes(",")) {
    // A lone comma before 3 digits ("1,234") is taken as thousands unless the integer part is 0.
    if (THOUSANDS.test(text) && !text.startsWith("0,")) text = text.replace(/,/g, "");
    else if (!text.includes(".")) text = text.replace(",", ".");
    else return undefined;
  }
  if (text === "") return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
