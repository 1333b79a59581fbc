const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * Vietnamese class lists are ordered by given name (the last word), then by the whole
 * name: "Nguyễn Văn An" comes before "Trần Thị Bình".
 */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).pop() ?? '';
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}

export const compareText = (a: string, b: string): number => collator.compare(a, b);
