/**
 * One person's words shown to another (a partner's case summary to an agent, an agent's note to
 * the partner): shown as typed text, never as something that acts. Pure.
 *
 * - Invisible characters that change how text reads are removed: the bidi embeddings, overrides
 *   and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F), which can make
 *   "exe.txt" read as "txt.exe", and the zero-width space, joiners and word joiner (U+200B-U+200D,
 *   U+2060) and the byte-order mark (U+FEFF), which hide text from search and review.
 * - Markdown links and images `[words](url)` / `![words](url)` become `words (url)`; an autolink
 *   `<https://...>` becomes the address itself.
 * - Every web address is defused so no client makes it a link: `https://evil.example/x` reads
 *   `https(:)//evil(.)example/x`, and a bare `www.evil.example` or `evil.com` has its dots
 *   marked the same way. Still readable (and copyable by someone who means to), never a click.
 *   (Parentheses, not the usual square brackets: cards escape brackets as markdown, and a client
 *   that shows the escapes would show backslashes.)
 *
 * Card templates escape markdown again when they render (cards/renderer.ts); this is the part
 * that also holds in plain text, where Teams turns addresses into links by itself.
 */
import { boundedText } from '../util/boundedText.js';

/**
 * Bidi controls and zero-width characters (see the module comment), and the other characters that
 * show nothing: the Arabic letter mark U+061C (a bidi mark like U+200F), the soft hyphen U+00AD,
 * the combining grapheme joiner U+034F, the Mongolian vowel separator U+180E, the invisible
 * operators U+2061-U+2064, the deprecated format controls U+206A-U+206F, the interlinear
 * annotation controls U+FFF9-U+FFFB, and the tag characters U+E0000-U+E007F, which carry whole
 * sentences nobody sees.
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\u00ad\u034f\u180e\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** `![alt](url "title")` and `[text](url "title")`; the text may not itself hold brackets. */
const MARKDOWN_LINK = /!?\[([^\[\]]*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;

/** `<https://example.com>` (CommonMark autolink). */
const AUTOLINK = /<((?:[a-z][a-z0-9+.-]{1,31}):[^\s<>]*)>/gi;

/** A web address with a scheme: `https://...`, `ftp://...`. */
const SCHEME_URL = /\b([a-z][a-z0-9+.-]{1,31}):\/\/([^\s/?#<>()\[\]]+)/gi;

/** `www.` hosts and bare host names with a common top-level domain (what chat clients auto-link). */
const BARE_HOST = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.\-])((?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|de|at|ch|eu|uk|us|ru|cn|app|dev|xyz|top|site|online|link|click|me|tv|ly|gl|to|sh|ms|ai|shop|store|cloud|live|page|news|pro|tech|one|fun|space|website|icu|vip|zip|mov|gg|cc|ws|tk|fr|it|nl|es|pl|be|se|dk|fi|no|cz|pt|ie|jp|in|au|ca|nz|br|mx)|www\.(?:[a-z0-9-]+\.)+[a-z]{2,})(?![\p{L}\p{N}\-])`,
  'giu',
);

/** `evil.example` as `evil(.)example`. */
const bracketDots = (host: string) => host.replace(/\./g, '(.)');

/**
 * `text` as plain words for another person to read: invisible controls removed, markdown links
 * and images shown as their words and address, every address defused (see the module comment).
 */
export function neutralise(text: string): string {
  let s = text.replace(INVISIBLE, '');
  s = s.replace(MARKDOWN_LINK, (_all, words: string, url: string) => {
    const label = words.trim();
    if (!url) return label;
    return label && label !== url ? `${label} (${url})` : url;
  });
  s = s.replace(AUTOLINK, '$1');
  // Hosts after a scheme first (marked so the bare-host pass leaves them alone), then bare hosts.
  s = s.replace(SCHEME_URL, (_all, scheme: string, host: string) => `${scheme}(:)//${bracketDots(host)}`);
  s = s.replace(BARE_HOST, (host: string) => bracketDots(host));
  return s;
}

/**
 * What someone typed, shown back in a reply that others may read too (a helpdesk channel):
 * neutralised, and when longer than `max` its first and last `max / 2` characters, cut at a word
 * and joined by " … " (boundedText).
 */
export function shownBack(typed: string, max = 100): string {
  return boundedText(neutralise(typed), max);
}
