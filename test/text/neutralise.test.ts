import { expect } from 'chai';
import { neutralise, shownBack } from '../../src/text/neutralise.js';

describe('text/neutralise: one person\'s text as another sees it (issue 13)', () => {
  it('a markdown link shows its words and a defused address, not a link', () => {
    expect(neutralise('[click](https://evil.example/login)')).to.equal('click (https(:)//evil(.)example/login)');
    expect(neutralise('see [the docs](http://learn.microsoft.com "title") please')).to.equal('see the docs (http(:)//learn(.)microsoft(.)com) please');
  });

  it('a markdown image shows its words, an autolink and a bare address are defused', () => {
    expect(neutralise('![logo](https://evil.example/x.png)')).to.equal('logo (https(:)//evil(.)example/x.png)');
    expect(neutralise('<https://evil.example>')).to.equal('https(:)//evil(.)example');
    expect(neutralise('go to https://evil.example/a?b=1 now')).to.equal('go to https(:)//evil(.)example/a?b=1 now');
    expect(neutralise('or www.evil.example, or evil.com.')).to.equal('or www(.)evil(.)example, or evil(.)com.');
    expect(neutralise('(see evil.com) or [evil.com]')).to.equal('(see evil(.)com) or [evil(.)com]');
    expect(neutralise('[https://evil.example](https://evil.example)')).to.equal('https(:)//evil(.)example');
  });

  it('removes bidi controls and zero-width characters, keeping the words', () => {
    const typed = 'invoice\u202Etxt.exe\u202C ok\u200B\u200C\u200D\u2060\uFEFF\u200E\u200F \u2066a\u2069\u202A\u202B\u202D';
    expect(neutralise(typed)).to.equal('invoicetxt.exe ok a');
  });

  it('also removes the Arabic letter mark (a bidi control), the other invisible format characters and hidden tag characters', () => {
    // U+061C reorders text like U+200F; soft hyphen, Mongolian vowel separator, invisible operators,
    // the deprecated format controls and tag characters (text hidden from the reader) show nothing.
    const typed = 'a\u061Cb c\u00ADd e\u180Ef g\u2061\u2062\u2063\u2064h i\u206A\u206Fj k\u034Fl m\u{E0001}\u{E0068}\u{E0069}\u{E007F}n o\uFFF9\uFFFBp';
    expect(neutralise(typed)).to.equal('ab cd ef gh ij kl mn op');
  });

  it('defuses bare addresses under the other common top-level domains Teams links too', () => {
    for (const host of ['evil.ai', 'evil.shop', 'evil.cloud', 'evil.fr', 'evil.it', 'evil.nl', 'evil.in', 'evil.live', 'evil.store', 'login.evil.page']) {
      expect(neutralise(`see ${host} now`), host).to.equal(`see ${host.replace(/\./g, '(.)')} now`);
    }
  });

  it('leaves ordinary text as it is: dates, versions, e-mail addresses, umlauts, brackets', () => {
    for (const plain of [
      'Am 15.03.2026 ging es nicht (on-premises), Version 1.2.3, z.B. heute',
      'Mail wanda@woodgrove.com bitte; Größe [klein]',
      'Scenario 2: bought Advanced Support',
      'report.pdf und notes.txt',
    ]) {
      expect(neutralise(plain), plain).to.equal(plain);
    }
  });

  it('what someone typed, shown back: neutralised, its start and end of about 100 characters, cut at a word', () => {
    expect(shownBack('wood\u202Egrove.com')).to.equal('woodgrove(.)com');
    const long = `${'word '.repeat(40)}😀 end`;
    const shown = shownBack(long);
    expect(shown.length).to.be.at.most(103); // its first and last 50, and " … " between
    expect(shown).to.match(/^word( word)* … (word )*😀 end$/);
  });
});
