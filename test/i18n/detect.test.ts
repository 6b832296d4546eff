/**
 * The language detector (src/i18n/detect.ts) and the turn's one language decision (chooseLang), as
 * tables. The German and English questions are the evaluation sets' (written apart from this code).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { detectLanguage } from '../../src/i18n/detect.js';
import { chooseLang, type ConversationLanguage } from '../../src/i18n/index.js';

interface Asked { text: string; lang: string; style: string }
function evalQuestions(): Asked[] {
  const rows: Asked[] = [];
  for (const file of ['test/eval/questionSet.json', 'test/eval/blindSet.json']) {
    const set = JSON.parse(readFileSync(file, 'utf8')) as { items: { lang: string; style: string; turns: string[] }[] };
    for (const item of set.items) rows.push({ text: item.turns[0]!, lang: item.lang, style: item.style });
  }
  const kb = JSON.parse(readFileSync('test/knowledge/evalQuestions.json', 'utf8')) as { questions: { text: string; lang: string }[] };
  for (const q of kb.questions) rows.push({ text: q.text, lang: q.lang, style: 'knowledge' });
  return rows;
}

describe('i18n: detecting German text', () => {
  const rows = evalQuestions();
  const german = rows.filter((r) => r.lang === 'de');
  const english = rows.filter((r) => r.lang === 'en');

  it('no English question of the evaluation sets is taken for German', () => {
    const wrong = english.filter((r) => detectLanguage(r.text) === 'de').map((r) => r.text);
    expect(english.length).to.be.greaterThan(300);
    expect(wrong).to.deep.equal([]);
  });

  it('German questions of the evaluation sets detect as German (all long, sloppy and own-data ones; 85% of all)', () => {
    const seen = german.map((r) => ({ ...r, got: detectLanguage(r.text) }));
    for (const style of ['long', 'sloppy', 'own-data']) {
      const missed = seen.filter((r) => r.style === style && r.got !== 'de').map((r) => r.text);
      expect(missed, style).to.deep.equal([]);
    }
    const share = seen.filter((r) => r.got === 'de').length / seen.length;
    expect(share, `${(share * 100).toFixed(1)}% of ${seen.length}`).to.be.at.least(0.85);
    // Only a pasted English error with two German words around it reads as English.
    const asEnglish = seen.filter((r) => r.got === 'en').map((r) => r.text);
    expect(asEnglish.length).to.be.at.most(1);
    for (const text of asEnglish) expect(text).to.contain('This Access ID is already associated');
  });

  const table: [string, 'de' | 'en' | undefined][] = [
    ['was bekommen wir?', 'de'],
    ['Wie viele Incidents haben wir noch?', 'de'],
    ['Darf ich die Vorteile aktivieren?', 'de'],
    ['Diese Zugriffs-ID ist bereits einem Konto zugeordnet.', 'de'],
    ['<at>Partner Support</at> was bekommen wir?', 'de'],
    ['how many incidents do we have left?', 'en'],
    ['What support do we get?', 'en'],
    ['was it activated?', 'en'],
    ['ok', undefined],
    ['ja', undefined],
    ['Azure', undefined],
    ['SQL Server', undefined],
    ['SQL Server 2019', undefined],
    ['Action Pack', undefined],
    ['IDs bitte', undefined],
    ['help', undefined],
    ['hilfe', undefined],
    ['Gold Cloud Platform incidents', undefined],
    ['', undefined],
  ];
  for (const [text, lang] of table) it(`"${text}" is ${lang ?? 'neither (the locale decides)'}`, () => expect(detectLanguage(text)).to.equal(lang));
});

describe('i18n: the turn language (chooseLang)', () => {
  const german: ConversationLanguage = { lang: 'de', locale: 'en-US', byText: true };
  const englishByText: ConversationLanguage = { lang: 'en', locale: 'en-US', byText: true };
  const englishByLocale: ConversationLanguage = { lang: 'en', locale: 'en-US', byText: false };
  const rows: [string, string | undefined, string | undefined, ConversationLanguage | undefined, 'de' | 'en'][] = [
    ['German text under en-US, new conversation', 'en-US', 'was bekommen wir?', undefined, 'de'],
    ['short "ja" after German text, same en-US locale', 'en-US', 'ja', german, 'de'],
    ['a card press (no text) after German text', 'en-US', undefined, german, 'de'],
    ['an activity without a locale after German text', undefined, undefined, german, 'de'],
    ['clearly English text ends German', 'en-US', 'how many incidents do we have left?', german, 'en'],
    ['a changed locale starts again from the locale', 'en-GB', 'ja', german, 'en'],
    ['explicit de-DE wins over ambiguous text', 'de-DE', 'ok', undefined, 'de'],
    ['explicit de-DE wins over English text', 'de-DE', 'how many incidents do we have left?', englishByText, 'de'],
    ['explicit en-US wins over ambiguous text in a new conversation', 'en-US', 'ok', undefined, 'en'],
    ['en-US after de-DE: a changed locale, ambiguous text', 'en-US', 'ja', { lang: 'de', locale: 'de-DE', byText: false }, 'en'],
    ['German text after only the welcome (English by locale)', 'en-US', 'Darf ich die Vorteile aktivieren?', englishByLocale, 'de'],
    ['German text after clearly English turns stays English', 'en-US', 'Diese Zugriffs-ID ist bereits einem Konto zugeordnet.', englishByText, 'en'],
  ];
  for (const [name, locale, text, before, lang] of rows) {
    it(`${name}: ${lang}`, () => expect(chooseLang(locale, text, before).lang).to.equal(lang));
  }
});
