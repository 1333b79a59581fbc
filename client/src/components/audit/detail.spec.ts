import { beforeAll, describe, expect, it } from '@jest/globals';

import { loadStaffMessages } from '@/i18n';

import { detailLines } from './detail';

const ID = '6f1c1a52-3d7e-4c1e-9a55-0f6f2b0c1d01';
const GONE = '0b7e2d9a-1111-4c1e-9a55-0f6f2b0c1d02';
const names = { [ID]: 'Lớp 8A1' };

// The audit log is a staff page: its messages come with the staff pages.
beforeAll(() => loadStaffMessages());

describe('detailLines', () => {
  it('labels each field in Vietnamese and leaves out empty ones', () => {
    expect(detailLines({ fullName: 'Bùi Văn Dũng', grade: 8, note: null }, {})).toEqual([
      { key: 'fullName', label: 'Họ tên', value: 'Bùi Văn Dũng' },
      { key: 'grade', label: 'Khối', value: '8' },
    ]);
  });

  it('names an id from the page, any case, and says when its record is gone', () => {
    expect(detailLines({ classId: ID.toUpperCase(), studentId: GONE }, names).map((line) => line.value)).toEqual(['Lớp 8A1', '(đã xoá)']);
  });

  it('writes a moment in Vietnam time, to the second', () => {
    expect(detailLines({ dueAt: '2026-09-14T16:59:30Z' }, {})).toEqual([{ key: 'dueAt', label: 'Hạn nộp', value: '14/09/2026 23:59:30' }]);
  });

  it('says codes in words: a role, a level, a program; yes and no; a number with a decimal comma', () => {
    const values = detailLines({ role: 'school_admin', level: 'MIXED', kind: 'MEDIA_LITERACY', active: false, closed: true, secondsPerQuestion: 7.5 }, {}).map(
      (line) => line.value,
    );
    expect(values).toEqual(['Ban giám hiệu', 'Liên cấp', 'Sàng lọc thông tin', 'Không', 'Có', '7,5']);
  });

  it('shows an empty list or string as a dash, and a long list as its first six and a count', () => {
    expect(detailLines({ classIds: [], title: '' }, {}).map((line) => line.value)).toEqual(['—', '—']);
    const lessons = ['Bài 1', 'Bài 2', 'Bài 3', 'Bài 4', 'Bài 5', 'Bài 6', 'Bài 7', 'Bài 8'];
    expect(detailLines({ lessons }, {})[0]!.value).toBe('Bài 1, Bài 2, Bài 3, Bài 4, Bài 5, Bài 6 và 2 mục khác');
    expect(detailLines({ lessons: lessons.slice(0, 6) }, {})[0]!.value).toBe('Bài 1, Bài 2, Bài 3, Bài 4, Bài 5, Bài 6');
  });

  it('shows a nested object as labelled pairs', () => {
    expect(detailLines({ counts: { create: 3, update: 1, unchanged: null } }, {})[0]!.value).toBe('Thêm mới: 3; Cập nhật: 1');
  });

  it('keeps an unknown field by its key and an unknown code as it is', () => {
    expect(detailLines({ somethingNew: 'giá trị' }, {})).toEqual([{ key: 'somethingNew', label: 'somethingNew', value: 'giá trị' }]);
  });

  it('lists only the fields a change touched, before and after', () => {
    const lines = detailLines(
      { before: { fullName: 'Bùi Văn Dung', grade: 8, classId: ID }, after: { fullName: 'Bùi Văn Dũng', grade: 8, classId: ID } },
      names,
    );
    expect(lines).toEqual([{ key: 'fullName', label: 'Họ tên', before: 'Bùi Văn Dung', value: 'Bùi Văn Dũng' }]);
  });

  it('counts a field added or removed by a change, shown as a dash on the missing side', () => {
    expect(detailLines({ before: { title: 'Cũ' }, after: { title: 'Cũ', dueAt: '2026-09-04T17:00:00Z' } }, {})).toEqual([
      { key: 'dueAt', label: 'Hạn nộp', before: '—', value: '05/09/2026 00:00:00' },
    ]);
    expect(detailLines({ before: { active: true }, after: {} }, {})).toEqual([{ key: 'active', label: 'Đang hoạt động', before: 'Có', value: '—' }]);
  });
});
