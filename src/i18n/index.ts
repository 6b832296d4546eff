/**
 * Localization: the reply language follows the activity's locale (de-* gets German, anything else
 * English), unless the person clearly writes German under an English locale (chooseLang). Strings
 * are plain text; placeholders `{name}` are filled by `t`.
 */
import { de } from './de.js';
import { detectLanguage } from './detect.js';
import { en, type StringKey } from './en.js';

export type Lang = 'en' | 'de';
export type { StringKey };

const TABLES: Record<Lang, Record<StringKey, string>> = { en, de };

/** The language for a BCP-47 locale such as `de-DE`, `de`, `en-US`, or none. */
export function langOf(locale: string | undefined): Lang {
  return /^de(-|_|$)/i.test(locale ?? '') ? 'de' : 'en';
}

/**
 * The language a conversation uses, as stored with its state: which language, the client locale it
 * was decided under, and whether the person's own text said it (not only the locale).
 */
export interface ConversationLanguage {
  lang: Lang;
  locale: string;
  byText: boolean;
}

/**
 * The one decision of a turn's language, from the client's locale, the message text and what the
 * conversation used before (see README, "German"):
 * - a German locale (de-*) is German, whatever the text;
 * - under any other locale, clearly German or clearly English text (detect.ts) decides, unless an
 *   earlier turn under the same locale was clearly English: then German text (a pasted German portal
 *   error, say) does not switch the conversation;
 * - short or ambiguous text ("ja", "ok", a card press) keeps the conversation's language while the
 *   locale stays the same (an activity without one keeps it); a new conversation, or a changed
 *   locale, starts from the locale.
 */
export function chooseLang(locale: string | undefined, text: string | undefined, before: ConversationLanguage | undefined): ConversationLanguage {
  // An activity without a locale (Teams' conversationUpdate, for one) says nothing about it.
  const client = locale || before?.locale || '';
  if (langOf(client) === 'de') return { lang: 'de', locale: client, byText: false };
  const sameLocale = before !== undefined && before.locale === client;
  const detected = detectLanguage(text);
  if (detected === 'en') return { lang: 'en', locale: client, byText: true };
  if (detected === 'de' && !(sameLocale && before.lang === 'en' && before.byText)) return { lang: 'de', locale: client, byText: true };
  if (sameLocale) return before;
  return { lang: 'en', locale: client, byText: false };
}

/** The string `key` in `lang`, with `{name}` placeholders replaced from `params`. */
export function t(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  const { whole, forms } = compiled(lang, key);
  // "one form|other form": the first when the count `n` is 1.
  const text = forms && params.n !== undefined ? forms[params.n === 1 ? 0 : 1] : whole;
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** A string split into its count forms once, not on every call (t runs many times per turn). */
interface Compiled {
  whole: string;
  forms?: [string, string];
}
const COMPILED: Record<Lang, Map<StringKey, Compiled>> = { en: new Map(), de: new Map() };
function compiled(lang: Lang, key: StringKey): Compiled {
  let entry = COMPILED[lang].get(key);
  if (!entry) {
    const whole = TABLES[lang][key];
    const forms = whole.split('|');
    entry = forms.length === 2 ? { whole, forms: [forms[0]!, forms[1]!] } : { whole };
    COMPILED[lang].set(key, entry);
  }
  return entry;
}

/** "A, B and C" / "A, B und C". */
export function formatList(lang: Lang, items: readonly string[]): string {
  return LIST_FORMATS[lang].format(items);
}
// Built once: constructing an Intl formatter costs far more than formatting with it.
const LIST_FORMATS: Record<Lang, Intl.ListFormat> = {
  en: new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }),
  de: new Intl.ListFormat('de', { style: 'long', type: 'conjunction' }),
};
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }),
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }),
};

/** A calendar date `YYYY-MM-DD` as people read it: "Mar 15, 2027" / "15.03.2027". */
export function formatDate(lang: Lang, day: string): string {
  return DATE_FORMATS[lang].format(new Date(`${day}T00:00:00Z`));
}

/** Both string tables, for tests that compare their keys. */
export const STRING_TABLES = TABLES;
