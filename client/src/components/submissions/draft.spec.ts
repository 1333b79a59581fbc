import { describe, expect, it } from '@jest/globals';
import { SubmissionEntryBody, type SubmissionEntryDto } from '@tinhtao/shared';

import { clearDraft, draftFromEntry, draftHasContent, draftKey, draftProblems, emptyDraft, entryBody, type EntryDraft, readDraft, writeDraft } from './draft';

const FILE_ID = '6f1c3a52-8d0e-4f57-9c55-0d9d1f0b7a11';
const MEMBER_ID = '0b0e6b8e-2f7a-4e0e-9f3b-6a1d2c3e4f50';

function memoryStore(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const filled = (): EntryDraft => ({
  kind: 'poster',
  theme: '  Lừa đảo trực tuyến ',
  title: '  Đừng bấm vào đường link lạ  ',
  description: 'Áp phích vẽ tay, tô màu nước.',
  technique: 'Thông điệp: dừng lại – kiểm tra – hỏi người lớn.',
  files: [{ id: FILE_ID, name: 'Áp phích.jpg', type: 'image/jpeg', size: 1234 }],
});

describe('entryBody', () => {
  it('builds a body the shared schema accepts, trimmed, Vietnamese kept byte for byte', () => {
    const body = entryBody(filled());
    expect(body).toEqual({
      kind: 'poster',
      theme: 'Lừa đảo trực tuyến',
      title: 'Đừng bấm vào đường link lạ',
      description: 'Áp phích vẽ tay, tô màu nước.',
      technique: 'Thông điệp: dừng lại – kiểm tra – hỏi người lớn.',
      memberIds: [],
      fileIds: [FILE_ID],
    });
    expect(SubmissionEntryBody.safeParse(body).success).toBe(true);
  });

  it('leaves an empty theme out and carries a team’s members', () => {
    const body = entryBody({ ...filled(), theme: '   ' }, [MEMBER_ID]);
    expect('theme' in body).toBe(false);
    expect(body.memberIds).toEqual([MEMBER_ID]);
  });
});

describe('draftProblems', () => {
  const rule = { maxFiles: 1 };

  it('finds nothing wrong with a filled draft', () => {
    expect(draftProblems(filled(), rule, false)).toEqual({});
  });

  it('names every missing field, a short title and a missing file', () => {
    const problems = draftProblems({ ...emptyDraft('poster'), title: 'Ab' }, rule, false);
    expect(problems).toEqual({
      title: { key: 'tooShort', params: { min: 3 } },
      description: { key: 'required', params: { min: 1 } },
      technique: { key: 'required', params: { min: 1 } },
      files: { key: 'noFile' },
    });
  });

  it('counts a title of spaces as empty and refuses one past 200 characters', () => {
    expect(draftProblems({ ...filled(), title: '      ' }, rule, false).title).toEqual({ key: 'required', params: { min: 3 } });
    expect(draftProblems({ ...filled(), title: 'ă'.repeat(201) }, rule, false).title).toEqual({ key: 'tooLong', params: { max: 200 } });
  });

  it('waits for uploads under way and refuses more files than the kind takes', () => {
    expect(draftProblems(filled(), rule, true).files).toEqual({ key: 'uploading' });
    const two = { ...filled(), files: [...filled().files, { id: 'x', name: 'b.jpg', type: 'image/jpeg', size: 1 }] };
    expect(draftProblems(two, rule, false).files).toEqual({ key: 'tooMany', params: { max: 1 } });
  });

  it('needs a kind the contest takes', () => {
    expect(draftProblems(filled(), undefined, false).kind).toEqual({ key: 'kind' });
  });
});

describe('the draft kept on the phone', () => {
  it('comes back as it was saved, per person and contest', () => {
    const store = memoryStore();
    writeDraft(store, 'u1', 'c1', filled());
    expect(readDraft(store, 'u1', 'c1')).toEqual(filled());
    expect(readDraft(store, 'u2', 'c1')).toBeNull();
    expect([...store.data.keys()]).toEqual([draftKey('u1', 'c1')]);
    clearDraft(store, 'u1', 'c1');
    expect(readDraft(store, 'u1', 'c1')).toBeNull();
  });

  it('reads nothing from broken or foreign data', () => {
    const store = memoryStore();
    for (const junk of ['{', '"text"', '[]', JSON.stringify({ ...filled(), files: [{ id: 1 }] }), JSON.stringify({ ...filled(), title: null })]) {
      store.setItem(draftKey('u1', 'c1'), junk);
      expect(readDraft(store, 'u1', 'c1')).toBeNull();
    }
  });

  it('says so when the storage is full, instead of throwing', () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(writeDraft(store, 'u1', 'c1', filled())).toBe(false);
  });

  it('keeps a draft only when something was typed or attached', () => {
    expect(draftHasContent(emptyDraft('video'))).toBe(false);
    expect(draftHasContent({ ...emptyDraft('video'), technique: ' x ' })).toBe(true);
  });
});

describe('draftFromEntry', () => {
  it('fills the form from a sent entry, to replace it', () => {
    const entry = {
      kind: 'video',
      theme: null,
      title: 'Phim ngắn',
      description: 'Mô tả',
      technique: 'Kỹ thuật',
      files: [
        { id: FILE_ID, originalName: 'Phim ngắn – Ước mơ.mp4', mediaType: 'video/mp4', bytes: 5_000_000, thumbnailUrl: '/api/submission-files/x/thumbnail' },
      ],
    } as unknown as SubmissionEntryDto;
    expect(draftFromEntry(entry)).toEqual({
      kind: 'video',
      theme: '',
      title: 'Phim ngắn',
      description: 'Mô tả',
      technique: 'Kỹ thuật',
      files: [{ id: FILE_ID, name: 'Phim ngắn – Ước mơ.mp4', type: 'video/mp4', size: 5_000_000, thumbnailUrl: '/api/submission-files/x/thumbnail' }],
    });
  });
});
