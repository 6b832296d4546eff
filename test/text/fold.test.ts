import { expect } from 'chai';
import { boundedWords, foldText, MAX_READ_CHARS, MAX_READ_WORDS, spellOut } from '../../src/text/fold.js';
import { normalize } from '../../src/recognizer/recognizer.js';
import { normalizeText } from '../../src/knowledge/search.js';
import { isQuestion } from '../../src/knowledge/routing.js';

describe('text/fold: one folding for every reader of a message', () => {
  const rows: [string, string][] = [
    ['Müssen wir über Größe reden?', 'muessen wir ueber groesse reden?'],
    ['ÄÖÜ ß', 'aeoeue ss'],
    ['café naïve', 'cafe naive'],
    ['don’t – “quoted”', "don't - “quoted”"],
    ['ＡＺＵＲＥ ﬁle', 'azure file'],
  ];
  for (const [input, expected] of rows) it(`"${input}"`, () => expect(foldText(input)).to.equal(expected));

  it('the recognizer, the search and the routing read "Müssen" and "Muessen" alike', () => {
    expect(normalize('Müssen wir aktivieren?')).to.equal(normalize('Muessen wir aktivieren?'));
    expect(normalizeText('Zugriffs-ID für Größe')).to.equal(normalizeText('Zugriffs-ID fuer Groesse'));
    expect(isQuestion('Dürfen wir das?')).to.equal(true);
    expect(isQuestion('Duerfen wir das?')).to.equal(true);
  });
});

describe('text/fold: chat spellings', () => {
  it('writes out what people type in chat, as whole words only', () => {
    expect(spellOut('wat support do we get')).to.equal('what support do we get');
    expect(spellOut('wie viele incidents ham wir noch')).to.equal('wie viele incidents haben wir noch');
    expect(spellOut('gibts ne liste')).to.equal('gibt es ne liste');
    expect(spellOut('whats the diff between premier and advanced')).to.equal("what's the difference between premier and advanced");
    expect(spellOut('how much of our quota is left this yr')).to.equal('how much of our quota is left this year');
    expect(spellOut('im portal find ich nix')).to.equal('im portal find ich nichts');
    // Not inside other words.
    expect(spellOut('water hamburg ursula')).to.equal('water hamburg ursula');
    expect(spellOut('different years')).to.equal('different years');
  });

  it('the bot understands "wat support do we get" like "what support do we get"', () => {
    expect(normalize('wat support do we get')).to.equal(normalize('what support do we get'));
  });
});

describe('text/fold: the pattern readers read at most the first and last words of a message', () => {
  it('keeps a message of up to MAX_READ_WORDS words whole, and of a longer one its first and last half', () => {
    const short = Array.from({ length: MAX_READ_WORDS }, (_, i) => `w${i}`).join(' ');
    expect(boundedWords(short)).to.equal(short);
    const long = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
    const kept = boundedWords(long).split(' ');
    expect(kept).to.have.length(MAX_READ_WORDS);
    expect(kept.slice(0, 2)).to.deep.equal(['w0', 'w1']);
    expect(kept.at(-1)).to.equal('w999');
    expect(kept).not.to.include('w500');
  });

  it('words joined by punctuation are bounded too: at most MAX_READ_CHARS characters are read', () => {
    const joined = 'who,'.repeat(7000);
    expect(boundedWords(joined).length).to.be.at.most(MAX_READ_CHARS + 1);
    expect(boundedWords('how many incidents do we have left?')).to.equal('how many incidents do we have left?');
  });

  it('a long pasted text that asks at its end is still understood: the question is among the last words', async () => {
    const { recognize } = await import('../../src/recognizer/recognizer.js');
    const pasted = `${'lorem ipsum dolor sit amet '.repeat(400)}How many incidents do we have left?`;
    expect(recognize(pasted).intent).to.equal('balance');
  });
});
