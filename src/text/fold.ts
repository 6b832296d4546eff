/**
 * The one text folding every reader of a message shares (the recognizer, the knowledge search, the
 * routing): lower case, compatibility forms unified (NFKC: full-width letters, ligatures), German
 * umlauts and ß spelled out ("über" = "ueber", "Schlüssel" = "schluessel"), other accents dropped
 * ("café" = "cafe"), and typographic apostrophes and dashes made plain. Pure.
 *
 * What each reader does after that differs on purpose: the recognizer keeps hyphens and
 * apostrophes inside words for its patterns, the search turns every other character into a space
 * and joins domain phrases into one token.
 */

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}
