import { expect } from 'chai';
import { formatDate, formatList, langOf, STRING_TABLES, t } from '../../src/i18n/index.js';

describe('i18n', () => {
  it('English and German have exactly the same keys', () => {
    expect(Object.keys(STRING_TABLES.de).sort()).to.deep.equal(Object.keys(STRING_TABLES.en).sort());
  });

  it('every string is filled in, and both languages use the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(STRING_TABLES.en) as (keyof typeof STRING_TABLES.en)[]) {
      expect(STRING_TABLES.en[key].trim(), key).to.not.equal('');
      expect(STRING_TABLES.de[key].trim(), key).to.not.equal('');
      expect(placeholders(STRING_TABLES.de[key]), key).to.deep.equal(placeholders(STRING_TABLES.en[key]));
    }
  });

  const locales: [string | undefined, 'en' | 'de'][] = [
    ['de-DE', 'de'], ['de-AT', 'de'], ['de-CH', 'de'], ['de', 'de'], ['DE-de', 'de'],
    ['en-US', 'en'], ['en-GB', 'en'], ['fr-FR', 'en'], ['deu', 'en'], ['', 'en'], [undefined, 'en'],
  ];
  for (const [locale, lang] of locales) it(`locale ${locale} answers in ${lang}`, () => expect(langOf(locale)).to.equal(lang));

  it('fills placeholders and formats lists and dates per language', () => {
    expect(t('en', 'allowance.incidents', { n: 15 })).to.equal('15 incidents');
    expect(t('de', 'allowance.incidents', { n: 15 })).to.equal('15 Incidents');
    expect(formatList('en', ['A', 'B', 'C'])).to.equal('A, B, and C');
    expect(formatList('de', ['A', 'B', 'C'])).to.equal('A, B und C');
    expect(formatDate('de', '2027-03-14')).to.equal('14.03.2027');
    expect(formatDate('en', '2027-03-14')).to.equal('Mar 14, 2027');
  });

  it('quotes the portal errors exactly, so users recognize them (F10, F11)', () => {
    expect(t('en', 'refusal.cspAccount')).to.contain('You are not authorized to perform this action');
    expect(t('de', 'refusal.cspAccount')).to.contain('Sie sind nicht für diese Aktion autorisiert');
    expect(t('en', 'refusal.noActiveMembership', { org: 'X' })).to.contain("It looks like you don't have any benefits yet");
    expect(t('de', 'refusal.noActiveMembership', { org: 'X' })).to.contain('Es sieht so aus, als ob Sie noch keine Vorteile haben');
  });
});
