/**
 * Ranking of knowledge-base entries for a free-text question in English, German or a mix of both.
 *
 * Pipeline, applied identically to the indexed texts and to the query so that both sides always
 * meet in the same form:
 *   1. {@link normalizeText}: lower case, umlauts spelled out (ä -> ae, so "ueber" == "über"), other
 *      accents dropped, multi-word domain terms joined ("Zugriffs-ID" == "Zugriffs ID" == "ZugriffsID"
 *      == "access id" -> `accessid`), punctuation and hyphens become spaces.
 *   2. {@link Analyzer.terms}: stop words dropped, German compounds split into the parts the index
 *      knows ("Supportvorteile" -> also "support", "vorteile"), every word stemmed with BOTH the
 *      English and the German Snowball stemmer (we never know the language of one word in a mixed
 *      sentence, and stemming both sides the same way keeps them comparable), and a small bilingual
 *      synonym table maps domain words to one concept term ("Vorfälle", "incidents" -> `~incident`).
 *   3. MiniSearch (BM25; prefix matching, and fuzzy matching for terms the index lacks) over two indexes:
 *      - one document per phrasing/title: "is there a single phrasing very close to the question?";
 *      - one document per entry with all its texts in weighted fields: "is the entry as a whole about
 *        the words of the question?".
 *      The two scores, each divided by the best score of its own index for this query, are blended.
 *   4. {@link confidenceOf}: the verdict from how much of the question the top entry explains
 *      (coverage, IDF-weighted), how much of its closest phrasing the question says (phrase
 *      coverage), and how far it is ahead of the runner-up (score ratio). Thresholds are named
 *      constants, calibrated on entries.json alone (see the note above them).
 *
 * Pure and synchronous: no I/O, nothing from botbuilder.
 */
import { LRUCache } from 'lru-cache';
import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemGerman } from '@orama/stemmers/german';
import { correctToken, type TypoLexicon } from '../recognizer/fuzzy.js';
import { foldText, spellOut } from '../text/fold.js';
import { EXTRA_COMPOUND_PARTS, PHRASES, STOP_WORDS, SYNONYM_GROUPS } from './searchData.js';

/** What the ranking needs of an entry (a `KbEntry` fits). */
export interface SearchableEntry {
  readonly id: string;
  readonly section: { readonly en: string; readonly de: string };
  readonly title: { readonly en: string; readonly de: string };
  readonly answer: { readonly en: string; readonly de: string };
  readonly phrasings: { readonly en: readonly string[]; readonly de: readonly string[] };
  readonly keywords?: { readonly en: readonly string[]; readonly de: readonly string[] } | undefined;
}

/** An entry and its blended score in 0..1 (1 = best of this query). */
export interface SearchHit<T> {
  readonly entry: T;
  readonly score: number;
}

/** 'answer': state the top entry; 'didYouMean': offer the hits; 'none': off-topic. */
export type Confidence = 'answer' | 'didYouMean' | 'none';

/** The best hits (at most 3) and the verdict on the first. */
export interface SearchMatch<T> {
  readonly confidence: Confidence;
  /**
   * An 'answer' that also clears the stricter bar of {@link STRONG_AGREEMENT} and
   * {@link STRONG_MAX_RATIO}: sure enough to take a message from a flow the recognizer found.
   */
  readonly strong: boolean;
  readonly hits: SearchHit<T>[];
  /** The runners-up close to an answered top entry ({@link ALTERNATIVE_RATIO}): offered under the answer. */
  readonly close: SearchHit<T>[];
}

// ---------------------------------------------------------------------------------------------
// 1. Normalization
// ---------------------------------------------------------------------------------------------



/**
 * Lower case, NFKC, German umlauts spelled out, other accents dropped, domain phrases joined,
 * apostrophes removed ("don't" -> "dont") and every other non-alphanumeric run turned into one
 * space.
 */
export function normalizeText(text: string): string {
  let s = spellOut(foldText(text)).replace(/'/g, '');
  for (const [pattern, replacement] of PHRASES) s = s.replace(pattern, replacement);
  return s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The longest word worth analysing. The knowledge base's longest word has 24 letters and German
 * compounds of more than 40 are not written in chat; a longer "word" (a pasted blob, a held-down
 * key) cannot match anything, and analysing it (compound splits, typo correction, fuzzy lookups)
 * costs time that grows faster than its length.
 */
export const MAX_WORD_LENGTH = 40;

/**
 * A question is read from its first and last 100 words at most: a message with context says what it
 * asks at its start or end, and every word costs a lookup (a 28 KB message of distinct words took
 * 141 ms without this bound).
 */
export const MAX_QUERY_WORDS = 200;

/** The words of normalized text, without words longer than {@link MAX_WORD_LENGTH}. */
export function tokenize(normalized: string): string[] {
  if (normalized === '') return [];
  const words = normalized.split(' ');
  return words.some((w) => w.length > MAX_WORD_LENGTH) ? words.filter((w) => w.length <= MAX_WORD_LENGTH) : words;
}

// ---------------------------------------------------------------------------------------------
// 2. Terms: stop words, compounds, stemming, synonyms
// ---------------------------------------------------------------------------------------------

/** Prefix of concept terms; no real word contains it, so concepts never collide with words. */
const CONCEPT = '~';

/** Parts shorter than this are never split off: too many false splits ("ver", "ein"). */
const MIN_COMPOUND_PART = 4;
/** The shortest head taken from an unknown compound: shorter known endings are too often chance ("stand" in "understand"). */
const MIN_HEAD = 6;

/** German-style stemming of normalized text: umlauts put back first, so that "Vorfaelle" and "Vorfall" both stem to "vorfall". */
function germanStem(word: string): string {
  // Snowball's "german2" idea: ae/oe/ue are umlauts (except "ue" after q), the stemmer then folds them.
  const umlauted = word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/(?<!q)ue/g, 'ü');
  return stemGerman(umlauted).replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u');
}

function stems(word: string): string[] {
  if (/^\d+$/.test(word)) return [word];
  const en = stemEnglish(word);
  const de = germanStem(word);
  return en === de ? [en] : [en, de];
}

const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  const add = (key: string, concept: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(concept)) list.push(concept);
    map.set(key, list);
  };
  for (const [concept, words] of Object.entries(SYNONYM_GROUPS)) {
    for (const word of words) {
      add(word, CONCEPT + concept);
      for (const stem of stems(word)) add('#' + stem, CONCEPT + concept);
    }
  }
  return map;
})();

/** The concept terms of a word, by its exact form or by one of its stems. */
function conceptsOf(word: string, wordStems: readonly string[]): readonly string[] | undefined {
  const exact = SYNONYMS.get(word);
  if (exact) return exact;
  for (const stem of wordStems) {
    const viaStem = SYNONYMS.get('#' + stem);
    if (viaStem) return viaStem;
  }
  return undefined;
}

/**
 * Turns words into index/query terms. Holds the vocabulary of the knowledge base so that German
 * compounds can be split into parts that actually occur in it.
 */
export class Analyzer {
  private readonly parts: ReadonlySet<string>;
  private readonly known: ReadonlySet<string>;
  /** typo targets by their first two letters */
  private readonly lexicons: ReadonlyMap<string, TypoLexicon>;
  /** Terms per word, for the words seen most recently (bounded: users can type any number of distinct words). */
  private readonly cache = new LRUCache<string, readonly string[]>({ max: 20_000 });

  /** @param vocabulary normalized words of the knowledge base (compound parts and typo targets are taken from it) */
  constructor(vocabulary: Iterable<string>) {
    const parts = new Set<string>(EXTRA_COMPOUND_PARTS);
    const known = new Set<string>(STOP_WORDS);
    for (const words of Object.values(SYNONYM_GROUPS)) for (const w of words) known.add(w);
    for (const word of vocabulary) {
      known.add(word);
      if (word.length >= MIN_COMPOUND_PART && !STOP_WORDS.has(word) && !/\d/.test(word)) parts.add(word);
    }
    this.parts = parts;
    this.known = known;
    const byStart = new Map<string, string[]>();
    for (const w of known) {
      if (w.length < 5 || /\d/.test(w)) continue;
      const list = byStart.get(w.slice(0, 2)) ?? [];
      list.push(w);
      byStart.set(w.slice(0, 2), list);
    }
    this.lexicons = new Map([...byStart].map(([start, keywords]) => [start, { keywords, keep: new Set<string>() }]));
  }

  /**
   * A word the knowledge base does not know, snapped to the closest known word when it is one
   * typo away (two for long words; see `correctToken`): "actiavte" -> "activate",
   * "premeir" -> "premier". Known words and short words are left alone. The first TWO letters
   * must agree (fuzzy.ts checks one): typos rarely hit them, and it keeps real words that are one
   * edit from a known one ("stehen" / "sehen") apart.
   */
  correct(word: string): string {
    if (this.known.has(word) || /\d/.test(word)) return word;
    const lexicon = this.lexicons.get(word.slice(0, 2));
    return lexicon ? correctToken(word, lexicon) : word;
  }

  /** All terms of a text (normalizes it first). */
  terms(text: string): string[] {
    const out: string[] = [];
    for (const word of tokenize(normalizeText(text))) out.push(...this.termsOfWord(word));
    return out;
  }

  /** The terms of one normalized word: nothing for a stop word; concept terms, or its stems plus the stems of its compound parts. */
  termsOfWord(word: string): readonly string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const result = this.compute(word);
    this.cache.set(word, result);
    return result;
  }

  private compute(word: string): readonly string[] {
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) return [];
    word = this.correct(word);
    if (STOP_WORDS.has(word)) return [];
    const out = new Set<string>();
    const addWord = (w: string) => {
      const wordStems = stems(w);
      const concepts = conceptsOf(w, wordStems);
      for (const t of concepts ?? wordStems) out.add(t);
    };
    addWord(word);
    const parts = this.split(word);
    for (const part of parts) addWord(part);
    // A compound the knowledge base does not know, whose head it does ("Konfigurationsberatung" is
    // a kind of "Beratung"): the head carries the meaning of a German compound.
    if (parts.length === 0 && !this.known.has(word)) {
      const head = this.headOf(word);
      if (head) addWord(head);
    }
    return [...out];
  }

  /** The longest known right part of an unknown word (at least MIN_HEAD letters, after at least MIN_COMPOUND_PART). */
  headOf(word: string): string | undefined {
    for (let i = MIN_COMPOUND_PART; i <= word.length - MIN_HEAD; i++) {
      const right = word.slice(i);
      if (this.parts.has(right)) return right;
    }
    return undefined;
  }

  /**
   * Splits a compound into two known parts (the right one may split again), allowing the German
   * linking "s" ("Zugriffsberechtigung" -> "zugriff" + "berechtigung"). Returns [] when no split fits.
   */
  split(word: string, depth = 0): string[] {
    if (word.length < 2 * MIN_COMPOUND_PART || depth > 2) return [];
    for (let i = word.length - MIN_COMPOUND_PART; i >= MIN_COMPOUND_PART; i--) {
      let left = word.slice(0, i);
      const right = word.slice(i);
      if (!this.parts.has(left) && left.endsWith('s') && this.parts.has(left.slice(0, -1))) left = left.slice(0, -1);
      if (!this.parts.has(left)) continue;
      if (this.parts.has(right)) return [left, right];
      const rest = this.split(right, depth + 1);
      if (rest.length > 0) return [left, ...rest];
    }
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Index and ranking
// ---------------------------------------------------------------------------------------------

/** Knobs of the ranking; {@link DEFAULT_TUNING} holds the values in use. */
export interface SearchTuning {
  /**
   * Share of the phrasing index in the blended score (the rest is the entry index). The phrasing
   * index is the sharper signal for short questions that paraphrase one phrasing; the entry index
   * rescues questions whose words are spread over several phrasings, keywords and the answer.
   */
  readonly phraseShare: number;
  /** Field boosts of the entry index: words people type (title, phrasings, keywords) count most. */
  readonly boosts: { readonly title: number; readonly phrasings: number; readonly keywords: number; readonly answer: number; readonly section: number };
  /** Fuzzy and prefix matches count for less than exact ones (MiniSearch multiplies by these). */
  readonly weights: { readonly fuzzy: number; readonly prefix: number };
}

export const DEFAULT_TUNING: SearchTuning = {
  phraseShare: 0.35,
  boosts: { title: 2, phrasings: 1.5, keywords: 2, answer: 0.4, section: 0.2 },
  weights: { fuzzy: 0.5, prefix: 0.35 },
};

/** Edit distance allowed for a query term: none for short terms, numbers and concepts; 1 up to 8 letters, then 2. */
function fuzzyFor(term: string): number | false {
  if (term.startsWith(CONCEPT) || /\d/.test(term) || term.length < 5) return false;
  return term.length <= 8 ? 1 : 2;
}

/** Prefix matching for longer word terms only ("vertrag" finds "vertragsdaten"); short prefixes match too much. */
function prefixFor(term: string): boolean {
  return !term.startsWith(CONCEPT) && !/\d/.test(term) && term.length >= 5;
}

interface PhraseDoc {
  readonly key: number;
  readonly entry: number;
  readonly text: string;
}

interface EntryDoc {
  readonly key: number;
  readonly title: string;
  readonly phrasings: string;
  readonly keywords: string;
  readonly answer: string;
  readonly section: string;
}

/** Scores and features of one query, for the verdict and for diagnostics. */
export interface SearchExplanation<T> {
  /** all hits, best first */
  readonly hits: SearchHit<T>[];
  /** query words that carry meaning (after stop words), with their terms */
  readonly words: readonly { readonly word: string; readonly terms: readonly string[]; readonly weight: number }[];
  /** IDF-weighted share of the query words the top entry matched (0..1) */
  readonly coverage: number;
  /** the same for the top entry's closest phrasing or title: how much of it the question says (0..1) */
  readonly phraseCoverage: number;
  /** second score divided by the first (0..1; 0 when there is one hit) */
  readonly ratio: number;
  readonly confidence: Confidence;
}

/** A built index over a fixed list of entries. */
export interface SearchIndex<T> {
  /** The best `limit` entries, best first. */
  search(text: string, limit?: number): SearchHit<T>[];
  /** The best 3 entries and the verdict. */
  match(text: string): SearchMatch<T>;
  /** Everything the verdict was based on. */
  explain(text: string): SearchExplanation<T>;
}

const joinTexts = (t: { readonly en: readonly string[]; readonly de: readonly string[] } | undefined) => (t ? [...t.en, ...t.de].join('\n') : '');

/** Builds both indexes over `entries` (once; the caller keeps the result). */
export function createSearchIndex<T extends SearchableEntry>(entries: readonly T[], tuning: SearchTuning = DEFAULT_TUNING): SearchIndex<T> {
  const vocabulary = new Set<string>();
  for (const e of entries) {
    const all = [e.title.en, e.title.de, e.section.en, e.section.de, e.answer.en, e.answer.de, joinTexts(e.phrasings), joinTexts(e.keywords)];
    for (const text of all) for (const word of tokenize(normalizeText(text))) vocabulary.add(word);
  }
  const analyzer = new Analyzer(vocabulary);
  const indexedTerms = new Set<string>();

  const common = {
    idField: 'key',
    tokenize: (text: string) => tokenize(normalizeText(text)),
    processTerm: (word: string) => {
      const terms = analyzer.termsOfWord(word);
      for (const t of terms) indexedTerms.add(t);
      return [...terms];
    },
    searchOptions: {
      // queries arrive already analyzed: unique terms joined by spaces
      tokenize: (query: string) => query.split(' '),
      processTerm: (term: string) => term,
      // Fuzzy lookups are the costly part of a search and only help terms the index lacks (typos
      // that the word-level correction in Analyzer could not place); known terms skip them.
      fuzzy: tuning.weights.fuzzy > 0 ? (term: string) => (indexedTerms.has(term) ? false : fuzzyFor(term)) : false,
      prefix: tuning.weights.prefix > 0 ? prefixFor : false,
      weights: tuning.weights,
    },
  };

  const phraseDocs: PhraseDoc[] = [];
  entries.forEach((e, entry) => {
    for (const text of [e.title.en, e.title.de, ...e.phrasings.en, ...e.phrasings.de]) phraseDocs.push({ key: phraseDocs.length, entry, text });
  });
  const phrases = new MiniSearch<PhraseDoc>({ ...common, fields: ['text'], storeFields: ['entry'] });
  phrases.addAll(phraseDocs);

  const entryDocs: EntryDoc[] = entries.map((e, key) => ({
    key,
    title: `${e.title.en}\n${e.title.de}`,
    phrasings: joinTexts(e.phrasings),
    keywords: joinTexts(e.keywords),
    answer: `${e.answer.en}\n${e.answer.de}`,
    section: `${e.section.en}\n${e.section.de}`,
  }));
  const entryIndex = new MiniSearch<EntryDoc>({ ...common, fields: ['title', 'phrasings', 'keywords', 'answer', 'section'], searchOptions: { ...common.searchOptions, boost: tuning.boosts } });
  entryIndex.addAll(entryDocs);

  // Document frequency of each term over entries (question-side texts only), for word weights.
  const entriesWithTerm = new Map<string, Set<number>>();
  entries.forEach((e, i) => {
    const texts = [e.title.en, e.title.de, joinTexts(e.phrasings), joinTexts(e.keywords)];
    for (const term of analyzer.terms(texts.join('\n'))) {
      let set = entriesWithTerm.get(term);
      if (!set) entriesWithTerm.set(term, (set = new Set()));
      set.add(i);
    }
  });
  const n = entries.length;
  /** IDF-like weight of a word: its rarest term; unknown terms weigh like a term of one entry. */
  const weightOf = (terms: readonly string[]) => Math.max(...terms.map((t) => Math.log(1 + n / ((entriesWithTerm.get(t)?.size ?? 0) + 1))));
  /** The weighted words of a text, each once, stop words left out; of a longer text only its first and last `limit / 2` words. */
  const weightedWords = (text: string, limit = Number.POSITIVE_INFINITY) => {
    const out: { word: string; terms: readonly string[]; weight: number }[] = [];
    const seen = new Set<string>();
    let tokens = tokenize(normalizeText(text));
    if (tokens.length > limit) tokens = [...tokens.slice(0, limit / 2), ...tokens.slice(-limit / 2)];
    for (const word of tokens) {
      const terms = analyzer.termsOfWord(word);
      if (terms.length === 0 || seen.has(word)) continue;
      seen.add(word);
      out.push({ word, terms, weight: weightOf(terms) });
    }
    return out;
  };
  /**
   * Share of the weight of `words` with a term that `matched` accepts; a word that `onlyFuzzy`
   * says was matched only one or two letters off counts for the fuzzy weight: a real word that
   * resembles a knowledge-base word ("reset" / "reseller") does not make a question on-topic.
   */
  // Without allocating: it runs for each phrasing a question hits (hundreds for a common word).
  const coverageOf = (words: readonly { terms: readonly string[]; weight: number }[], matched: (term: string) => boolean, onlyFuzzy?: (term: string) => boolean) => {
    let total = 0;
    let hit = 0;
    for (const w of words) {
      total += w.weight;
      let any = false;
      let allFuzzy = true;
      for (const t of w.terms) {
        if (!matched(t)) continue;
        any = true;
        if (!onlyFuzzy?.(t)) allFuzzy = false;
      }
      if (any) hit += onlyFuzzy && allFuzzy ? w.weight * tuning.weights.fuzzy : w.weight;
    }
    return total > 0 ? hit / total : 0;
  };
  const phraseWords = phraseDocs.map((doc) => weightedWords(doc.text));

  function explain(text: string): SearchExplanation<T> {
    const words = weightedWords(text, MAX_QUERY_WORDS);
    const queryTerms = [...new Set(words.flatMap((w) => w.terms))];
    if (queryTerms.length === 0) return { hits: [], words, coverage: 0, phraseCoverage: 0, ratio: 0, confidence: 'none' };
    const query = queryTerms.join(' ');

    // per entry: best phrasing score and the query terms it (or the entry document) matched
    const phraseScore = new Map<number, number>();
    const phraseCover = new Map<number, number>();
    // per entry: the query terms it matched, and which of them only by a fuzzy match (one or two
    // letters off: "reset" finds "resel", the stem of "reseller")
    const matched = new Map<number, Set<string>>();
    const fuzzyOnly = new Map<number, Set<string>>();
    const noteMatched = (entry: number, result: SearchResult) => {
      let set = matched.get(entry);
      if (!set) matched.set(entry, (set = new Set()));
      let fuzzy = fuzzyOnly.get(entry);
      if (!fuzzy) fuzzyOnly.set(entry, (fuzzy = new Set()));
      for (const t of result.queryTerms) {
        const close = result.terms.some((d) => d.startsWith(t)); // the term itself or a word it begins
        if (close) fuzzy.delete(t);
        else if (!set.has(t)) fuzzy.add(t);
        set.add(t);
      }
    };
    for (const result of phrases.search(query)) {
      const entry = result['entry'] as number;
      // A result's few matched terms are looked up in its array: no Set per result (a common word
      // matches hundreds of phrasings, and those Sets were a large share of a turn's garbage).
      const best = phraseCover.get(entry) ?? 0;
      if (best < 1) phraseCover.set(entry, Math.max(best, coverageOf(phraseWords[result.id as number] ?? [], (t) => result.terms.includes(t))));
      if (!phraseScore.has(entry)) {
        phraseScore.set(entry, result.score); // results are sorted: the first per entry is its best
        noteMatched(entry, result);
      }
    }
    const entryScore = new Map<number, number>();
    for (const result of entryIndex.search(query)) {
      entryScore.set(result.id as number, result.score);
      noteMatched(result.id as number, result);
    }

    const maxPhrase = Math.max(0, ...phraseScore.values());
    const maxEntry = Math.max(0, ...entryScore.values());
    const blended: SearchHit<T>[] = [];
    for (const key of new Set([...phraseScore.keys(), ...entryScore.keys()])) {
      const a = maxPhrase > 0 ? (phraseScore.get(key) ?? 0) / maxPhrase : 0;
      const b = maxEntry > 0 ? (entryScore.get(key) ?? 0) / maxEntry : 0;
      blended.push({ entry: entries[key]!, score: tuning.phraseShare * a + (1 - tuning.phraseShare) * b, key } as SearchHit<T> & { key: number });
    }
    blended.sort((x, y) => y.score - x.score);
    const hits = blended.map((h) => ({ entry: h.entry, score: round(h.score) }));

    const top = blended[0] as (SearchHit<T> & { key: number }) | undefined;
    const coverage = top ? coverageOf(words, (t) => matched.get(top.key)?.has(t) ?? false, (t) => fuzzyOnly.get(top.key)?.has(t) ?? false) : 0;
    const phraseCoverage = top ? (phraseCover.get(top.key) ?? 0) : 0;
    const ratio = blended.length > 1 && top && top.score > 0 ? blended[1]!.score / top.score : 0;
    return { hits, words, coverage, phraseCoverage, ratio, confidence: confidenceOf(hits.length > 0, coverage, phraseCoverage, ratio, words.length) };
  }

  return {
    search: (text, limit = 3) => explain(text).hits.slice(0, limit),
    match(text) {
      const { confidence, hits, coverage, phraseCoverage, ratio } = explain(text);
      const strong = confidence === 'answer' && Math.min(coverage, phraseCoverage) >= THRESHOLDS.strongAgreement && ratio <= THRESHOLDS.strongMaxRatio;
      const top = hits.slice(0, 3);
      const close = confidence === 'answer' ? top.slice(1).filter((h) => h.score >= THRESHOLDS.alternativeRatio * top[0]!.score) : [];
      return { confidence, strong, hits: top, close };
    },
    explain,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// 4. Confidence
// ---------------------------------------------------------------------------------------------

/*
 * How the thresholds were chosen: from the shape of entries.json alone (never from the eval set),
 * by two simulations that need no extra data:
 *  - leave-one-phrasing-out (LOPO): each of the ~460 phrasings is asked against an index built
 *    without it. These stand in for real questions that match an entry (about 84% rank it first).
 *  - leave-one-entry-out (LOEO): each phrasing is asked against an index built without its whole
 *    entry. These are near-miss questions the knowledge base cannot answer; any 'answer' is wrong.
 * On a 0.05 grid we maximized  correct LOPO answers - 3 x wrong LOPO answers - LOEO answers
 * (stating a wrong fact costs more than offering buttons), averaged over each point's neighbours
 * so that the choice sits on a plateau rather than a spike. Agreement = min(coverage,
 * phraseCoverage) separated the LOEO near-misses far better than coverage alone (at equal LOPO
 * answers it let through less than half as many). With entries.json of this writing: 207 of 461
 * LOPO questions answered, 5 of them wrong; 35 of 461 LOEO near-misses answered.
 * `npx tsx bench/knowledge.bench.ts --calibrate` reruns the simulation after the data changes.
 *
 * Those thresholds (agreement 0.6, ratio 0.65) were too cautious for real questions: on the part of
 * the conversation eval we tune on (test/eval, 280 messages written from FACTS.md alone, never the
 * held-out third), 69 rule questions whose first entry was right got "Did you mean" instead of the
 * answer. A first grid over those questions (scored  right - 3 x wrong - 3 x off-topic answered)
 * moved them to agreement 0.55, ratio 0.85.
 *
 * Answer first (issue 11): for the user "Did you mean" costs a click just as a wrong answer does,
 * and an answer lists its close runners-up under it (ALTERNATIVE_RATIO), so the one meant is one
 * click away then too. Of the 22 tuned-on questions still answered "Did you mean", the first entry
 * was right in 18 and among the three offered in all 22, most with a phraseCoverage of 0.4-0.55:
 * they ask a short part of a longer phrasing. So the two features got a threshold each, and a
 * grid over the tuned-on part, coverage 0.45-0.60 x phraseCoverage 0.35-0.50 x ratio 0.85/0.90,
 * was scored  right - 3 x wrong - 3 x off-topic answered  on the conversation eval plus the
 * knowledge-base eval (test/knowledge/evalQuestions.json: off-topic answered, wrong entries
 * answered). It peaks at coverage 0.55, phraseCoverage 0.40, ratio 0.90 (score 164; the previous
 * thresholds 163, one agreement of 0.35 for both 139, because it answered 8 of the 36 off-topic
 * questions: "VPN Verbindung geht nicht", "where can I download the Windows Server ISO"):
 * conversation eval tuned-on 237 -> 244 of 280 right, wrong 24 -> 26; no off-topic answered.
 * Long messages with context ("Hi, we have an issue with ... Which portal do I use?") explain little
 * of themselves (coverage 0.2-0.35) but contain a whole phrasing of the right entry: such a message
 * is answered too (CONTAINED_PHRASING; +3 right, 1 fewer wrong on the tuned-on part).
 *
 * Rerun at stop 23 on 1,650 tuned-on messages (the tuned-on parts, the dev and fresh sets and the
 * tuning sets h-k), coverage 0.55/0.60 x phrase coverage 0.35/0.40 x ratio 0.90/0.95: the thresholds
 * in use score best (right 1609, answered wrong 20, off-topic answered 0: score 1549; the next best
 * 1547). Lowering them answers a few more right and more wrong; the misses left are mostly routing and
 * ranking, not the verdict.
 *
 * Stop 24, on tuning set l at first sight alone (before any change for it, so it stands for messages
 * the bot has not seen): coverage 0.45-0.55 x phrase coverage 0.30-0.40 x ratio 0.90/0.95 moved its
 * right answers by at most 3 of 200, each time with more answered wrong. On all 1,850 tuned-on
 * messages, the clear-lead rule (coverage 0.35-0.45 x phrase coverage 0.65-0.75 x ratio 0.5/0.75)
 * peaks one point above the values in use (score 1715 vs 1714): a plateau, so they stay.
 */

/**
 * Below this coverage the question is mostly about things the knowledge base does not know:
 * 'none'. About the 1st percentile of the coverage of correctly ranked LOPO questions, so the right
 * entry is almost never withheld.
 */
export const MIN_COVERAGE = 0.33;
/**
 * 'answer' needs the top entry to explain this much of the question (coverage) AND the question to
 * say this much of one of the entry's phrasings (phraseCoverage); see the calibration note above.
 */
export const ANSWER_COVERAGE = 0.6;
export const ANSWER_PHRASE_COVERAGE = 0.4;
/** 'answer' also needs the runner-up to score at most this share of the top score; closer calls become 'didYouMean'. */
export const ANSWER_MAX_RATIO = 0.95;
/**
 * A question that says most of one phrasing of an entry that is well ahead of the runner-up is
 * answered at a lower coverage: "Ich bin bei uns Admin Agent und muss für einen CSP-Kunden einen
 * Fall zu Exchange Online öffnen. Über welchen Weg im Partner Center geht das?" (coverage 0.54,
 * phrase coverage 0.77, ratio 0.33). Grid over the tuned-on part (coverage 0.40-0.50 x phrase
 * coverage 0.60/0.75 x ratio 0.50/0.75): 252 -> 254 right, wrong 21 -> 20, no off-topic question of
 * the knowledge-base eval answered at phrase coverage 0.75 (up to 3 at 0.60); held out unchanged.
 */
export const CLEAR_LEAD_COVERAGE = 0.45;
export const CLEAR_LEAD_PHRASE_COVERAGE = 0.75;
export const CLEAR_LEAD_MAX_RATIO = 0.75;
/**
 * A message that says (almost) all of one of the top entry's phrasings is answered even when most
 * of its words are context the knowledge base does not know, as long as it explains this much of it.
 */
export const CONTAINED_PHRASING = 0.95;
export const CONTAINED_MIN_COVERAGE = 0.3;
/**
 * ... and only for a message that is long (this many words that carry meaning): a short one that
 * contains a short phrasing ("Which exam do I have to pass for the Cloud Platform competency?"
 * contains "Cloud Platform competency?") is about something else as often as not.
 */
export const CONTAINED_MIN_WORDS = 8;
/**
 * The bar for taking a message from a flow the recognizer found ("what support do partners get?"
 * is the tiers flow even though the paid-plans entry answers it at agreement 0.7): the thresholds
 * of the entries.json simulation above.
 */
export const STRONG_AGREEMENT = 0.6;
export const STRONG_MAX_RATIO = 0.65;
/** Runners-up scoring at least this share of the answered entry's score are offered under the answer. */
export const ALTERNATIVE_RATIO = 0.65;

/** The thresholds of the verdict, one field per constant above. */
export interface ConfidenceThresholds {
  minCoverage: number;
  answerCoverage: number;
  answerPhraseCoverage: number;
  answerMaxRatio: number;
  clearLeadCoverage: number;
  clearLeadPhraseCoverage: number;
  clearLeadMaxRatio: number;
  contained: number;
  containedMinCoverage: number;
  containedMinWords: number;
  strongAgreement: number;
  strongMaxRatio: number;
  alternativeRatio: number;
}

/**
 * The thresholds in use: the constants above. Only the calibration (`bench/calibrate.ts`) changes
 * them, in its own process, to score other values on the eval without rebuilding the bot.
 */
export const THRESHOLDS: ConfidenceThresholds = {
  minCoverage: MIN_COVERAGE,
  answerCoverage: ANSWER_COVERAGE,
  answerPhraseCoverage: ANSWER_PHRASE_COVERAGE,
  answerMaxRatio: ANSWER_MAX_RATIO,
  clearLeadCoverage: CLEAR_LEAD_COVERAGE,
  clearLeadPhraseCoverage: CLEAR_LEAD_PHRASE_COVERAGE,
  clearLeadMaxRatio: CLEAR_LEAD_MAX_RATIO,
  contained: CONTAINED_PHRASING,
  containedMinCoverage: CONTAINED_MIN_COVERAGE,
  containedMinWords: CONTAINED_MIN_WORDS,
  strongAgreement: STRONG_AGREEMENT,
  strongMaxRatio: STRONG_MAX_RATIO,
  alternativeRatio: ALTERNATIVE_RATIO,
};

/** The verdict from the features of a query (see the constants for how they were chosen). */
export function confidenceOf(
  anyHit: boolean,
  coverage: number,
  phraseCoverage: number,
  ratio: number,
  words = Number.POSITIVE_INFINITY,
): Confidence {
  const t = THRESHOLDS;
  if (!anyHit) return 'none';
  const contained = phraseCoverage >= t.contained && coverage >= t.containedMinCoverage && words >= t.containedMinWords;
  if (coverage < t.minCoverage && !contained) return 'none';
  const agrees =
    (coverage >= t.answerCoverage && phraseCoverage >= t.answerPhraseCoverage) ||
    (coverage >= t.clearLeadCoverage && phraseCoverage >= t.clearLeadPhraseCoverage && ratio <= t.clearLeadMaxRatio);
  return (agrees || contained) && ratio <= t.answerMaxRatio ? 'answer' : 'didYouMean';
}
