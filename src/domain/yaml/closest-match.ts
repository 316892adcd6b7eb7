/** Edit distance within which a misspelt key gets a "did you mean" suggestion. */
const MAX_DISTANCE = 2;

/**
 * The candidate closest to `word` by Levenshtein distance, when within 2 edits (case-insensitive) and
 * those edits change less than half the word, so that `relicas` suggests `replicas`; `undefined` when
 * nothing is close enough.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  // A long word cannot be within two edits of our short keys; skip the quadratic work on hostile input.
  if (word.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = MAX_DISTANCE + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    // Rewriting half the word is not a typo: `8` is not a misspelt `1`.
    if (distance < bestDistance && distance * 2 < word.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
