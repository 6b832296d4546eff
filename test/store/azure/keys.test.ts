/** The key encoding of the Azure Table backend: what Azure accepts, reversible, order- and prefix-preserving. */
import { expect } from 'chai';
import { compareKeys } from '../../../src/store/entityKeys.js';
import { decodeKey, encodeKey, encodeKeyText, MAX_STORED_KEY_LENGTH, prefixEnd } from '../../../src/store/azure/keys.js';

/** Characters at every edge of the table: controls, each escape and its neighbours, the ends of the BMP and beyond. */
const EDGES = [
  0x0, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x2d, 0x2e, 0x2f, 0x30, 0x39, 0x3a, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x5a, 0x5b, 0x5c, 0x5d, 0x60, 0x61,
  0x7a, 0x7c, 0x7d, 0x7e, 0x7f, 0x9f, 0xa0, 0xe4, 0x20ac, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff,
].map((cp) => String.fromCodePoint(cp));

/** A deterministic pseudo-random sequence (the same strings every run). */
function* strings(count: number): Generator<string> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let n = next() % 5; n > 0; n--) text += EDGES[next() % EDGES.length];
    yield text;
  }
}

const byAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('store/azure: key encoding', () => {
  it('stores plain keys unchanged and escapes what Azure refuses or mishandles', () => {
    for (const key of ['case:C-000042', 'status:open:C-000001', '2026-11-24', 'p:0f8e1c2a-6b7d-4e3f-9a1b-2c3d4e5f6a7b', 'a:1Xy_z-9', 'r=1;x@y,z!(*)+<|{}^`"']) {
      expect(encodeKey('row', key), key).to.equal(key);
    }
    expect(encodeKeyText('msteams/conversations/a:1/')).to.equal('msteams.1conversations.1a:1.1');
    expect(encodeKeyText('#$%&\'./>?[\\~ ')).to.equal('$0$1$2&0&1.0.1>0>1[0[1~0 W');
    expect(encodeKeyText('ä€😀')).to.equal('~u00e4~u20ac~x01f600');
    for (const key of EDGES) {
      expect(encodeKeyText(key), JSON.stringify(key)).to.match(/^[\x20-\x7e]+$/).and.not.match(/[#%'/?\\]/);
    }
  });

  it('is reversible, keeps code point order and prefixes (checked on 20,000 pairs of edge characters)', () => {
    const all = [...strings(40_000)];
    for (let i = 0; i < all.length; i += 2) {
      const [a, b] = [all[i]!, all[i + 1]!];
      const [ea, eb] = [encodeKeyText(a), encodeKeyText(b)];
      expect(decodeKey(ea), JSON.stringify(a)).to.equal(a);
      expect(Math.sign(byAscii(ea, eb)), JSON.stringify([a, b])).to.equal(Math.sign(compareKeys(a, b)));
      expect(eb.startsWith(ea), JSON.stringify([a, b])).to.equal(b.startsWith(a));
      if (ea !== '') expect(eb >= ea && eb < prefixEnd(ea), JSON.stringify([a, b])).to.equal(b.startsWith(a));
    }
  });

  it('refuses a key that does not fit in 512 characters once encoded, and lone surrogates', () => {
    expect(encodeKey('row', 'x'.repeat(512))).to.have.length(512);
    expect(encodeKey('row', '/'.repeat(256))).to.have.length(MAX_STORED_KEY_LENGTH);
    expect(encodeKey('row', 'ä'.repeat(85))).to.have.length(510);
    expect(() => encodeKey('row', `${'x'.repeat(511)}/`)).to.throw(TypeError, /too long for Azure Table Storage: 513 characters once encoded/);
    expect(() => encodeKey('partition', 'ä'.repeat(86))).to.throw(TypeError, /partition key/);
    expect(() => encodeKeyText('a\ud800b')).to.throw(TypeError, /lone surrogate/);
  });

  it('decodes only what it encodes', () => {
    for (const stored of ['#', '/', '?', '\\', '%', "'", '$3', '.2', '&x', ' ', ' X', '~', '~1', '~u00', '~u007e', '~ud800', '~uABCD', '~x00ffff', '~x110000', '\u007f']) {
      expect(() => decodeKey(stored), JSON.stringify(stored)).to.throw(Error, /not a key this store wrote/);
    }
  });
});
