import { expect } from 'chai';
import { boundedText, MAX_READ_CHARS } from '../../src/util/boundedText.js';

describe('util/boundedText: what the bot reads of a long message', () => {
  it('leaves a message up to the limit as it is', () => {
    const text = 'a '.repeat(MAX_READ_CHARS / 2);
    expect(boundedText(text)).to.equal(text);
  });

  it('keeps the start and the end of a longer one, cut between words, with an ellipsis between', () => {
    const text = `We are a Gold partner. ${'Context sentence. '.repeat(2000)}How many incidents do we have left?`;
    const read = boundedText(text);
    expect(read.length).to.be.at.most(MAX_READ_CHARS + 3);
    expect(read.startsWith('We are a Gold partner.')).to.equal(true);
    expect(read.endsWith('How many incidents do we have left?')).to.equal(true);
    expect(read).to.contain(' … ');
    // No word arrives in part: every word of the result is a word of the text.
    const words = new Set(text.split(/\s+/));
    expect(read.split(/\s+/).filter((w) => w !== '…' && !words.has(w))).to.deep.equal([]);
  });

  it('cuts a single 28,000-letter word to its two ends', () => {
    const read = boundedText('x'.repeat(28_000));
    expect(read).to.equal(`${'x'.repeat(MAX_READ_CHARS / 2)} … ${'x'.repeat(MAX_READ_CHARS / 2)}`);
  });
});

describe('util/boundedText: characters outside the Basic Multilingual Plane', () => {
  it('never keeps half of an emoji at either cut', () => {
    // One letter before and after the emoji (two UTF-16 units each) puts both cuts inside one.
    const text = `a${'😀'.repeat(3_000)}b`;
    expect(text.slice(0, MAX_READ_CHARS / 2)).to.match(/[\uD800-\uDBFF]$/);
    expect(text.slice(-MAX_READ_CHARS / 2)).to.match(/^[\uDC00-\uDFFF]/);
    const read = boundedText(text);
    expect(read).not.to.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(read).to.equal(`a${'😀'.repeat(999)} … ${'😀'.repeat(999)}b`);
  });
});
