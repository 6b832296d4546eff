/**
 * Small, dependency-free typo tolerance for the intent recognizer.
 *
 * Tokens of normalized text that are *almost* one of a short list of domain keywords
 * ("activte", "contarct", "aktiviern") are replaced by that keyword before the rules run.
 * Pure and synchronous.
 */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), computed only up to
 * `max`: any distance above `max` is reported as `max + 1`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three rolling rows: two rows back (for transpositions), previous and current.
  let prev2: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const result = prev[n] ?? 0;
  return result > max ? max + 1 : result;
}

/** How many edits a keyword of this length tolerates: none for short words, 1 up to 10 letters, then 2. */
export function allowedEdits(keywordLength: number): number {
  if (keywordLength < 5) return 0;
  if (keywordLength <= 10) return 1;
  return 2;
}

/** How many edits a word of a partner's name tolerates: none below 4 letters, 1 up to 7, then 2. */
export function nameTypoBudget(wordLength: number): number {
  return wordLength >= 8 ? 2 : wordLength >= 4 ? 1 : 0;
}

export interface TypoLexicon {
  /** correctly spelled keywords that misspelled tokens are snapped to */
  readonly keywords: readonly string[];
  /** real words that are close to a keyword but mean something else ("contact" vs "contract") */
  readonly keep: ReadonlySet<string>;
}

/**
 * The closest keyword for one token, or the token itself when it is already a keyword, is a
 * protected word, is too short, or no keyword is close enough. The first letter must agree
 * (typos rarely hit it, and it avoids many false friends).
 */
export function correctToken(token: string, lexicon: TypoLexicon): string {
  if (token.length < 4 || lexicon.keep.has(token) || lexicon.keywords.includes(token)) return token;
  let best = token;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const keyword of lexicon.keywords) {
    if (keyword[0] !== token[0]) continue;
    const limit = allowedEdits(keyword.length);
    if (limit === 0) continue;
    const d = editDistance(token, keyword, limit);
    if (d <= limit && d < bestDistance) {
      best = keyword;
      bestDistance = d;
    }
  }
  return best;
}

/** Applies {@link correctToken} to every run of letters in already-normalized text. */
export function correctTypos(normalized: string, lexicon: TypoLexicon): string {
  return normalized.replace(/[a-z]+/g, (token) => correctToken(token, lexicon));
}
