/** In-place edits of an ordered list, for editors that own a reactive array. */
export function moveAt<T>(list: T[], index: number, by: -1 | 1): void {
  const target = index + by;
  if (target < 0 || target >= list.length) return;
  [list[index], list[target]] = [list[target]!, list[index]!];
}

/** A copy of the list with the entry at `index` moved one place; null when it is already at that end. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] | null {
  const target = index + by;
  if (target < 0 || target >= list.length) return null;
  const next = [...list];
  moveAt(next, index, by);
  return next;
}

export function removeAt<T>(list: T[], index: number): void {
  list.splice(index, 1);
}

/**
 * Index lists (answer keys) that point into a list being edited: after swapping two
 * entries or removing one, the key must still name the same entries.
 */
export const indexKeys = {
  swapped: (indices: readonly number[], a: number, b: number): number[] => indices.map((i) => (i === a ? b : i === b ? a : i)),
  removed: (indices: readonly number[], gone: number): number[] => indices.filter((i) => i !== gone).map((i) => (i > gone ? i - 1 : i)),
};
