import { type DamagedText, DamagedTextRepository } from './damaged-text.repository.js';

/** The `cli check-names` command: every stored name and lesson text that holds U+FFFD. Reads only. */
export function findDamagedTexts(databaseUrl: string): Promise<DamagedText[]> {
  return DamagedTextRepository.findInDatabase(databaseUrl);
}

/** One line per text (kind, id, column, province, the text around its first U+FFFD), tab-separated, for a person or a script. */
export function formatDamagedTexts(found: DamagedText[]): string {
  if (found.length === 0) return 'No stored name or lesson text holds U+FFFD.\n';
  const lines = found.map((d) => [d.kind, d.id, d.field, d.provinceCode, around(d.text)].join('\t'));
  return (
    `kind\tid\tfield\tprovince\ttext\n${lines.join('\n')}\n` +
    `${found.length} stored text(s) hold U+FFFD (�), a character lost when a file was read: correct them, or import the file again.\n`
  );
}

/** A long text (a lesson body) cut to 40 characters either side of its first U+FFFD, on one line; cut between code points, never inside a pair. */
function around(text: string): string {
  const chars = Array.from(text);
  const at = chars.indexOf('\uFFFD');
  const start = Math.max(0, at - 40);
  const end = Math.min(chars.length, at + 41);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`.replace(/\s+/g, ' ');
}
