import { describe, expect, it } from '@jest/globals';

import { indexKeys, moveAt, moved, removeAt } from './listEdit';

describe('moveAt', () => {
  it('swaps an entry with its neighbour, in place', () => {
    const list = ['Mở bài', 'Thân bài', 'Kết bài'];
    moveAt(list, 0, 1);
    expect(list).toEqual(['Thân bài', 'Mở bài', 'Kết bài']);
    moveAt(list, 2, -1);
    expect(list).toEqual(['Thân bài', 'Kết bài', 'Mở bài']);
  });

  it('leaves the list alone at either end', () => {
    const list = ['a', 'b'];
    moveAt(list, 0, -1);
    moveAt(list, 1, 1);
    expect(list).toEqual(['a', 'b']);
  });
});

describe('moved', () => {
  it('returns a moved copy and never changes the original', () => {
    const list = Object.freeze(['một', 'hai', 'ba']);
    expect(moved(list, 1, -1)).toEqual(['hai', 'một', 'ba']);
    expect(moved(list, 1, 1)).toEqual(['một', 'ba', 'hai']);
    expect(list).toEqual(['một', 'hai', 'ba']);
  });

  it('is null when the entry is already at that end (or the list is empty)', () => {
    expect(moved(['a', 'b'], 0, -1)).toBeNull();
    expect(moved(['a', 'b'], 1, 1)).toBeNull();
    expect(moved([], 0, 1)).toBeNull();
  });
});

describe('removeAt', () => {
  it('removes one entry in place; an index past the end removes nothing', () => {
    const list = [10, 20, 30];
    removeAt(list, 1);
    expect(list).toEqual([10, 30]);
    removeAt(list, 5);
    expect(list).toEqual([10, 30]);
  });
});

describe('indexKeys', () => {
  it('follows two swapped options: the key still names the same texts', () => {
    const options = ['Tin nhắn lạ', 'Đường link rút gọn', 'Giục chuyển tiền', 'Lời chào'];
    const key = [1, 2];
    const swapped = moved(options, 2, 1)!; // options 2 and 3 trade places
    const next = indexKeys.swapped(key, 2, 3);
    expect(next).toEqual([1, 3]);
    expect(next.map((i) => swapped[i])).toEqual(['Đường link rút gọn', 'Giục chuyển tiền']);
  });

  it('leaves indices other than the two swapped ones, and swaps both when both are in the key', () => {
    expect(indexKeys.swapped([0, 4], 1, 2)).toEqual([0, 4]);
    expect(indexKeys.swapped([1, 2], 1, 2)).toEqual([2, 1]);
  });

  it('drops a removed option from the key and shifts the later ones down', () => {
    expect(indexKeys.removed([0, 2, 3], 2)).toEqual([0, 2]);
    expect(indexKeys.removed([0, 1], 3)).toEqual([0, 1]);
    expect(indexKeys.removed([], 0)).toEqual([]);
  });

  it('keeps the order of an ordering key while shifting it', () => {
    // An ordering answer [2, 0, 3, 1] with option 0 removed: the others keep their order, renumbered.
    expect(indexKeys.removed([2, 0, 3, 1], 0)).toEqual([1, 2, 0]);
  });
});
