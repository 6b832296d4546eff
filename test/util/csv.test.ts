import { expect } from 'chai';
import { csvField, csvRows } from '../../src/util/csv.js';

describe('util/csv: exports an operator opens in a spreadsheet', () => {
  it('guards fields against formula injection and quotes per RFC 4180', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).to.equal(`"'=HYPERLINK(""http://evil.example"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvField(`${start}1`).replace(/^"/, '')).to.match(/^'/);
    expect(csvField('a, b')).to.equal('"a, b"');
    expect(csvField('line\nbreak')).to.equal('"line\nbreak"');
    expect(csvField('plain')).to.equal('plain');
  });

  it('joins rows, every line ending in a newline', () => {
    expect(csvRows([['a', 'b'], ['-1', 'x,y']])).to.equal(`a,b\n'-1,"x,y"\n`);
  });
});
