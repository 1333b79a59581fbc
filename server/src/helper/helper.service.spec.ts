import { readListCsv } from './helper.service.js';

describe('readListCsv', () => {
  it('reads domains and phone numbers with notes, skips a header, names bad and repeated lines by number', () => {
    const { entries, rejected } = readListCsv(
      '\uFEFFvalue,note\nhttps://Bad-Site.xyz/a,Báo ngày 5/12\n\n0912 345 678,"Số giả, công an"\nkhông hợp lệ\nbad-site.xyz\n',
    );
    expect(entries).toEqual([
      { kind: 'domain', value: 'bad-site.xyz', note: 'Báo ngày 5/12' },
      { kind: 'phone', value: '0912345678', note: 'Số giả, công an' },
    ]);
    expect(rejected).toEqual([
      { line: 5, value: 'không hợp lệ', code: 'helper.entryFormat' },
      { line: 6, value: 'bad-site.xyz', code: 'helper.entryDuplicate' },
    ]);
  });

  it('takes a first line that is an entry as an entry', () => {
    expect(readListCsv('bad-site.xyz').entries).toHaveLength(1);
  });
});
