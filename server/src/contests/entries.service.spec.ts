import { entryOrder, type ItemDto, type ScopeFacts, toItemChoice, toShownChoice } from '@tinhtao/shared';

import { AccessRepository } from '../access/access.repository.js';
import { AccessService } from '../access/access.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { automock, failureOf, newTestService } from '../testing/new-test-service.js';
import type { ContestRow } from './contests.repository.js';
import { ContestsRepository } from './contests.repository.js';
import { EntriesRepository, type EntryRow } from './entries.repository.js';
import { EntriesService } from './entries.service.js';

const student = { userId: 'st1', role: 'student', provinceId: 'p1', schoolId: 's1', sessionId: 'x' } as AuthUser;
const teacher = { userId: 't1', role: 'teacher', provinceId: 'p1', schoolId: 's1', sessionId: 'y' } as AuthUser;

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

/** A scheduled contest of two questions, 30 s each, open 08:00 to 10:00. */
const contest: ContestRow = {
  id: 'c1',
  provinceId: 'p1',
  schoolId: 's1',
  title: 'Tìm hiểu an toàn giao thông',
  mode: 'scheduled',
  scopeType: 'school',
  scopeId: 's1',
  kind: 'SAFETY',
  secondsPerQuestion: 30,
  opensAt: at('08:00:00'),
  closesAt: at('10:00:00'),
  itemIds: ['i1', 'i2'],
  createdAt: at('07:00:00'),
};

const item = (id: string, answer: number): ItemDto =>
  ({ id, kind: 'single_choice', prompt: `Câu ${id}`, options: ['A', 'B', 'C'], answer: [answer] }) as unknown as ItemDto;

/** Entry e1's own order of the two three-option questions. */
const E1_ORDER = entryOrder('e1', [
  { kind: 'single_choice', optionCount: 3 },
  { kind: 'single_choice', optionCount: 3 },
]);

const entry = (over: Partial<EntryRow> = {}): EntryRow => ({
  id: 'e1',
  contestId: 'c1',
  studentId: 'st1',
  startedAt: at('09:00:00'),
  deadline: at('09:01:00'),
  submittedAt: null,
  answers: {},
  score: null,
  correct: null,
  timeMs: null,
  now: at('09:00:10'),
  ...over,
});

/**
 * The service with the real access rule over mocked facts: the school contest takes the
 * student in when `joinable` (its facts list the student), as the access repository says.
 */
function newService(joinable = true) {
  const accessRepo = automock(AccessRepository);
  accessRepo.contestFactsFor.mockImplementation((pairs: { contestId: string }[]) => {
    const facts: ScopeFacts = { provinceId: 'p1', schoolId: 's1', teacherIds: [], studentIds: joinable ? ['st1'] : [] };
    return Promise.resolve(pairs.map((p) => (p.contestId === 'c1' ? facts : undefined)));
  });
  const { sut, mock } = newTestService(EntriesService, { real: [new AccessService(accessRepo as unknown as AccessRepository)] });
  const contests = mock(ContestsRepository);
  contests.findById.mockResolvedValue(contest);
  mock(ItemsRepository).findInProvince.mockResolvedValue(
    new Map([
      ['i1', item('i1', 1)],
      ['i2', item('i2', 2)],
    ]),
  );
  // The publishing transaction runs its work on a stand-in handle.
  mock(TransactionRepository).run.mockImplementation(((work: (tx: unknown) => Promise<unknown>) => work({})) as never);
  return { service: sut, repo: mock(EntriesRepository), contests, accessRepo };
}

describe(EntriesService.name, () => {
  describe('start', () => {
    it('starts an entry within the window with a limit of seconds per question times questions, capped at the close', async () => {
      const { service, repo } = newService();
      repo.startEntry.mockResolvedValue(entry());
      const dto = await service.start(student, 'c1');
      expect(repo.startEntry).toHaveBeenCalledWith('c1', 'st1', 60, contest.opensAt, contest.closesAt);
      expect(repo.findByContestAndStudent).not.toHaveBeenCalled();
      expect(dto.entryId).toBe('e1');
      expect(dto.deadline).toBe('2026-03-01T09:01:00.000Z');
      expect(dto.questions.map((q) => q.text)).toEqual(['Câu i1', 'Câu i2']);
      expect(dto.result).toBeUndefined();
    });

    it('refuses to start before the window opens', async () => {
      const { service, repo } = newService();
      repo.now.mockResolvedValue(at('07:59:59'));
      repo.startEntry.mockResolvedValue(null);
      repo.findByContestAndStudent.mockResolvedValue(null);
      expect(await failureOf(service.start(student, 'c1'))).toBe(ErrorCode.ContestNotOpen);
    });

    it('refuses to start at the very moment the window closes', async () => {
      const { service, repo } = newService();
      repo.now.mockResolvedValue(at('10:00:00'));
      repo.startEntry.mockResolvedValue(null);
      repo.findByContestAndStudent.mockResolvedValue(null);
      expect(await failureOf(service.start(student, 'c1'))).toBe(ErrorCode.ContestClosed);
    });

    it('resumes a submitted entry after the window closed, with its result', async () => {
      const { service, repo } = newService();
      repo.now.mockResolvedValue(at('11:00:00'));
      const submitted = entry({ submittedAt: at('09:00:40'), score: 1000, correct: 1, timeMs: 40_000, answers: { '0': [1] }, now: at('11:00:00') });
      // The window has closed: nothing is made, the entry there is comes back.
      repo.startEntry.mockResolvedValue(submitted);
      const dto = await service.start(student, 'c1');
      expect(repo.finalize).not.toHaveBeenCalled();
      expect(dto.result).toEqual({ score: 1000, correct: 1, total: 2, timeMs: 40_000 });
      // Stored as the item's option 1; shown in this entry's own order of options.
      expect(dto.answers).toEqual({ '0': toShownChoice([1], E1_ORDER.options[0]) });
    });

    it('answers "not found" to a student the contest does not take in, and reads no entry', async () => {
      const { service, repo } = newService(false);
      expect(await failureOf(service.start(student, 'c1'))).toBe(ErrorCode.NotFound);
      expect(repo.findByContestAndStudent).not.toHaveBeenCalled();
    });

    it('answers "not found" to staff: a scheduled contest is entered by students only', async () => {
      const { service, repo } = newService();
      expect(await failureOf(service.start(teacher, 'c1'))).toBe(ErrorCode.NotFound);
      expect(repo.now).not.toHaveBeenCalled();
    });

    it('sends a live contest to its PIN', async () => {
      const { service, contests } = newService();
      contests.findById.mockResolvedValue({ ...contest, mode: 'live' });
      expect(await failureOf(service.start(student, 'c1'))).toBe(ErrorCode.Conflict);
    });
  });

  describe('the deadline', () => {
    it('is TOO_LATE for an answer the database refused after the deadline and its grace', async () => {
      const { service, repo } = newService();
      repo.findById.mockResolvedValue(entry());
      repo.saveAnswer.mockResolvedValue(null);
      expect(await failureOf(service.answer(student, 'e1', 0, [1]))).toBe(ErrorCode.TooLate);
      // Position 1 as e1 shows the options, stored as the item's own index.
      expect(repo.saveAnswer).toHaveBeenCalledWith('e1', 'st1', 0, toItemChoice([1], E1_ORDER.options[0]), 500);
    });

    it('is ALREADY_SUBMITTED for an answer to a submitted entry', async () => {
      const { service, repo } = newService();
      repo.findById.mockResolvedValue(entry({ submittedAt: at('09:00:30') }));
      repo.saveAnswer.mockResolvedValue(null);
      expect(await failureOf(service.answer(student, 'e1', 0, [1]))).toBe(ErrorCode.AlreadySubmitted);
    });

    it('closes an entry read after its deadline plus the grace at the deadline, grading what it saved', async () => {
      const { service, repo } = newService();
      const expired = entry({ answers: { '0': [1], '1': [0] }, now: at('09:01:00.501') });
      repo.findById.mockResolvedValue(expired);
      repo.finalize.mockResolvedValue({ ...expired, submittedAt: expired.deadline, score: 1000, correct: 1, timeMs: 60_000 });
      const dto = await service.get(student, 'e1');
      // Question 1 right (B), question 2 wrong (A, the key is C): one right answer, 1000 points.
      expect(repo.finalize).toHaveBeenCalledWith('e1', true, 1000, 1);
      expect(dto.submittedAt).toBe('2026-03-01T09:01:00.000Z');
    });

    it('leaves an entry open within the grace after its deadline', async () => {
      const { service, repo } = newService();
      repo.findById.mockResolvedValue(entry({ now: at('09:01:00.500') }));
      const dto = await service.get(student, 'e1');
      expect(repo.finalize).not.toHaveBeenCalled();
      expect(dto.submittedAt).toBeNull();
    });

    it('answers "not found" for another student\'s entry', async () => {
      const { service, repo } = newService();
      repo.findById.mockResolvedValue(entry({ studentId: 'st2' }));
      expect(await failureOf(service.get(student, 'e1'))).toBe(ErrorCode.NotFound);
    });
  });

  describe('leaderboard', () => {
    const page = { by: 'student' as const, limit: 100, offset: 0 };
    it('is NOT_PUBLISHED to a student before the window closes, while staff see it', async () => {
      const { service, repo, accessRepo } = newService();
      repo.now.mockResolvedValue(at('09:30:00'));
      repo.findExpiredUnsubmitted.mockResolvedValue([]);
      repo.provisionalPage.mockResolvedValue({ rows: [], total: 0 });
      expect(await failureOf(service.leaderboard(student, 'c1', page))).toBe(ErrorCode.NotPublished);
      // The school's admin manages the school contest (and is no entrant of it).
      accessRepo.contestFactsFor.mockResolvedValue([{ provinceId: 'p1', schoolId: 's1', teacherIds: [], studentIds: [] }]);
      const admin = { ...teacher, userId: 'a1', role: 'school_admin' } as AuthUser;
      const board = await service.leaderboard(admin, 'c1', page);
      expect(board).toMatchObject({ published: false, total: 0 });
      expect(repo.publishStandings).not.toHaveBeenCalled();
    });

    it('waits out the last answer’s grace after the close before it publishes, and then publishes once', async () => {
      const { service, repo } = newService();
      repo.findExpiredUnsubmitted.mockResolvedValue([]);
      repo.publishedPage.mockResolvedValue({ rows: [], total: 0 });
      repo.now.mockResolvedValue(at('10:00:00.400'));
      expect(await failureOf(service.leaderboard(student, 'c1', page))).toBe(ErrorCode.NotPublished);
      repo.now.mockResolvedValue(at('10:00:00.500'));
      repo.isPublished.mockResolvedValueOnce(false).mockResolvedValue(true);
      repo.lockUnpublished.mockResolvedValue(true);
      expect((await service.leaderboard(student, 'c1', page)).published).toBe(true);
      await service.leaderboard(student, 'c1', page);
      expect(repo.publishStandings).toHaveBeenCalledTimes(1);
    });
  });
});
