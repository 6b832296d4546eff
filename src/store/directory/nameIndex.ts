/**
 * The organization-name index of a directory snapshot: which organizations have a name word that a
 * query word is, starts, or is a small typo away from, ranked (whole name, then exact words, then
 * starts, then typos). The helpdesk's lookup keeps the best of them.
 *
 * Lean on purpose: one map from name word to organization positions. A full-text index (MiniSearch)
 * took 96 MB and millions of heap objects at 100,000 organizations, which every major garbage
 * collection had to visit; under load its pauses held the event loop for over 200 ms. A lookup here
 * scans the words of similar length for typos (milliseconds at 100,000 organizations), and lookups
 * are helpdesk commands, not part of every turn.
 */
import { editDistance, nameTypoBudget } from '../../recognizer/fuzzy.js';
import { normalize } from '../../recognizer/recognizer.js';

/** Positions of the organizations with a word: one number for the common single one, an array otherwise. */
type Positions = number | number[];

/** The words of a name or query, as both are compared: normalized, split at spaces, hyphens and apostrophes. */
export function nameWords(text: string): string[] {
  return normalize(text)
    .split(/[\s'-]+/)
    .filter((w) => w.length > 0);
}

/** How well one query word meets a name word: 3 the same, 2 its start, 1 a small typo, 0 not. */
function quality(word: string, token: string, budget: number): number {
  if (token === word) return 3;
  if (token.startsWith(word)) return 2;
  return budget > 0 && editDistance(token, word, budget) <= budget ? 1 : 0;
}

export class NameIndex {
  readonly #byWord = new Map<string, Positions>();
  /** Each organization's name words, joined by spaces: for "the whole name" and "the shorter name". */
  readonly #names: string[] = [];
  /** Name words by length, sorted; built on the first search (a snapshot may never be searched). */
  #sorted: string[] | undefined;
  #byLength: Map<number, string[]> | undefined;

  /** Adds the organization at `position` (positions are added in increasing order). */
  add(position: number, name: string): void {
    const words = nameWords(name);
    this.#names[position] = words.join(' ');
    for (const word of new Set(words)) {
      const found = this.#byWord.get(word);
      if (found === undefined) this.#byWord.set(word, position);
      else if (typeof found === 'number') this.#byWord.set(word, [found, position]);
      else found.push(position);
    }
  }

  /**
   * Organizations whose name has, for every query word, a word that is it, starts with it, or is a
   * small typo away (the typo budget of `nameTypoBudget`); best first, at most `limit`. The score is
   * 100 for the whole name, otherwise up to 90 by how closely the words met.
   */
  search(query: string, limit: number): { position: number; score: number }[] {
    const words = [...new Set(nameWords(query))];
    if (words.length === 0 || limit <= 0) return [];
    let scores: Map<number, number> | undefined;
    for (const word of words) {
      const best = this.#candidates(word);
      if (scores === undefined) scores = best;
      else {
        const both = new Map<number, number>();
        for (const [position, q] of best) {
          const before = scores.get(position);
          if (before !== undefined) both.set(position, before + q);
        }
        scores = both;
      }
      if (scores.size === 0) return [];
    }
    const whole = nameWords(query).join(' ');
    const scored = [...scores!].map(([position, q]) => ({
      position,
      score: this.#names[position] === whole ? 100 : Math.round((90 * q) / (3 * words.length)),
    }));
    // Best first; among equals the shorter name (closer to the whole name), then directory order.
    scored.sort((a, b) => b.score - a.score || this.#names[a.position]!.length - this.#names[b.position]!.length || a.position - b.position);
    return scored.slice(0, limit);
  }

  /** For one query word: each organization it meets, with the best quality over its name words. */
  #candidates(word: string): Map<number, number> {
    const out = new Map<number, number>();
    const note = (token: string, q: number) => {
      const found = this.#byWord.get(token);
      if (found === undefined || q === 0) return;
      for (const position of typeof found === 'number' ? [found] : found) {
        if ((out.get(position) ?? 0) < q) out.set(position, q);
      }
    };
    const sorted = this.#sortedWords();
    // Words starting with `word` (the word itself first) sit together in the sorted list.
    for (let i = lowerBound(sorted, word); i < sorted.length && sorted[i]!.startsWith(word); i++) note(sorted[i]!, sorted[i] === word ? 3 : 2);
    const budget = nameTypoBudget(word.length);
    if (budget > 0) {
      for (let length = word.length - budget; length <= word.length + budget; length++) {
        for (const token of this.#byLength!.get(length) ?? []) {
          if (!token.startsWith(word)) note(token, quality(word, token, budget));
        }
      }
    }
    return out;
  }

  #sortedWords(): string[] {
    if (!this.#sorted) {
      this.#sorted = [...this.#byWord.keys()].sort();
      this.#byLength = new Map();
      for (const token of this.#sorted) {
        const list = this.#byLength.get(token.length);
        if (list) list.push(token);
        else this.#byLength.set(token.length, [token]);
      }
    }
    return this.#sorted;
  }
}

/** The first index in sorted `list` whose value is not below `value`. */
function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
