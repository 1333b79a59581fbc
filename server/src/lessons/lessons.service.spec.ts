import { type ItemDto, Permission, type ScopeFacts } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { ItemsRepository } from './items.repository.js';
import { type LessonRow, LessonsRepository } from './lessons.repository.js';
import { LessonsService } from './lessons.service.js';

const dept = { userId: 'd1', role: 'dept_admin', provinceId: 'p1', schoolId: null, sessionId: 'x' } as AuthUser;
const student = { userId: 's1', role: 'student', provinceId: 'p1', schoolId: 'sc1', schoolLevel: 'THCS', sessionId: 'x' } as AuthUser;
const teacher = { userId: 't1', role: 'teacher', provinceId: 'p1', schoolId: 'sc1', schoolLevel: 'MIXED', sessionId: 'x' } as AuthUser;

const updatedAt = new Date('2026-09-01T02:00:00Z');
const lesson: LessonRow = {
  id: 'l1',
  provinceId: 'p1',
  slug: null,
  title: 'Tin giả',
  kind: 'MEDIA_LITERACY',
  level: 'THCS',
  gradeMin: 6,
  gradeMax: 9,
  durationMinutes: 45,
  summary: '',
  objectives: [],
  body: [],
  revisesId: null,
  lockedAt: null,
  updatedAt,
} as unknown as LessonRow;
const item = {
  id: 'i1',
  kind: 'single_choice',
  prompt: 'Nguồn nào đáng tin?',
  options: ['A', 'B'],
  answer: [1],
  feedback: 'B có tác giả',
  tags: { topics: [], techniques: [], difficulty: 'easy' },
  points: 1,
  revisesId: null,
  lockedAt: null,
  updatedAt: updatedAt.toISOString(),
} as unknown as ItemDto;
const published: ScopeFacts = { provinceId: 'p1', schoolId: null, publishedLevels: ['THCS'] };

function newService() {
  const { sut: service, mock } = newTestService(LessonsService);
  const access = mock(AccessService);
  access.require.mockResolvedValue(new Map([['l1', published]]));
  const lessons = mock(LessonsRepository);
  lessons.findById.mockResolvedValue(lesson);
  const items = mock(ItemsRepository);
  items.findByLesson.mockResolvedValue([item]);
  const tx = {} as Tx;
  mock(TransactionRepository).run.mockImplementation((work) => work(tx));
  return { service, access, lessons, items, audit: mock(AuditService), tx };
}

describe(LessonsService.name, () => {
  it('reads a lesson with LessonRead, so that a diagnostic form hidden from a student is not found', async () => {
    const { service, access } = newService();
    await service.get(student, 'l1');
    expect(access.require).toHaveBeenCalledWith(student, Permission.LessonRead, ['l1'], 'lesson');
  });

  it('gives a student the items without their answers and feedback', async () => {
    const { service } = newService();
    const view = await service.get(student, 'l1');
    expect(view.items).toEqual([{ id: 'i1', kind: 'single_choice', prompt: 'Nguồn nào đáng tin?', options: ['A', 'B'], points: 1 }]);
    expect(view).not.toHaveProperty('updatedAt');
  });

  it('gives staff the items with their answers, and the lesson with its dates', async () => {
    const { service } = newService();
    const view = await service.get(teacher, 'l1');
    expect(view.items).toEqual([item]);
    expect(view).toMatchObject({ id: 'l1', revisesId: null, lockedAt: null, updatedAt: '2026-09-01T02:00:00.000Z' });
  });

  it('lists published lessons of the levels the caller reads', async () => {
    const { service, lessons } = newService();
    await service.listPublished(teacher, {});
    await service.listPublished(dept, {});
    await service.listPublished(student, {});
    expect(lessons.listPublished.mock.calls.map((c) => c[1])).toEqual([['THCS', 'THPT'], ['THCS', 'THPT'], ['THCS']]);
  });

  it('asks ContentItemsRead for an item, so a student never reaches its key', async () => {
    const { service, access, items } = newService();
    access.require.mockRejectedValue(new AppError(ErrorCode.NotFound, 'item not found'));
    expect(await failureOf(service.getItem(student, 'i1'))).toBe(ErrorCode.NotFound);
    expect(access.require).toHaveBeenCalledWith(student, Permission.ContentItemsRead, ['i1'], 'item');
    expect(items.findById).not.toHaveBeenCalled();
  });

  it('refuses to save a lesson a published curriculum locked, and writes nothing', async () => {
    const { service, lessons, audit } = newService();
    lessons.findById.mockResolvedValue({ ...lesson, lockedAt: updatedAt });
    const body = { ...lesson, items: [] } as unknown as Parameters<LessonsService['update']>[2];
    expect(await failureOf(service.update(dept, 'l1', body))).toBe(ErrorCode.ContentLocked);
    expect(lessons.update).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('deletes a lesson in one transaction with its audit entry', async () => {
    const { service, lessons, audit, tx } = newService();
    lessons.isInAnyCurriculum.mockResolvedValue(false);
    await service.delete(dept, 'l1');
    expect(lessons.delete).toHaveBeenCalledWith(tx, 'l1');
    expect(audit.record).toHaveBeenCalledWith(tx, dept, { action: 'lesson.deleted', entity: 'lesson', entityId: 'l1', detail: { title: 'Tin giả' } });
  });

  it('refuses to delete a lesson a curriculum lists', async () => {
    const { service, lessons } = newService();
    lessons.isInAnyCurriculum.mockResolvedValue(true);
    expect(await failureOf(service.delete(dept, 'l1'))).toBe(ErrorCode.ContentInUse);
    expect(lessons.delete).not.toHaveBeenCalled();
  });
});
