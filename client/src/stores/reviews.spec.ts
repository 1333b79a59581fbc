import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ReviewedDto, ReviewQueueItemDto, ReviewSummaryDto } from '@tinhtao/shared';
import { createPinia, setActivePinia } from 'pinia';

/** A call to the API that waits until the test answers it, so that answers can arrive in any order. */
interface Pending<T> {
  path: string;
  resolve(value: T): void;
}
const calls: Pending<unknown>[] = [];
const answer = <T>(path: string) =>
  new Promise<T>((resolve) => {
    calls.push({ path, resolve: resolve as (value: unknown) => void });
  });

jest.unstable_mockModule('@/api/reviews', () => ({
  reviewsApi: {
    queue: (query: { offset: number }) => answer<ReviewQueueItemDto[]>(`queue@${query.offset}`),
    summary: () => answer<ReviewSummaryDto>('summary'),
    review: (responseId: string) => answer<ReviewedDto>(`review ${responseId}`),
  },
}));

const { useReviewsStore } = await import('./reviews');

const card = (responseId: string, studentName: string): ReviewQueueItemDto => ({
  responseId,
  attemptId: `attempt-${responseId}`,
  studentName,
  className: '8A1',
  lessonTitle: 'Ai đăng tin này?',
  prompt: 'Em sẽ làm gì để kiểm tra tin này?',
  modelAnswer: 'Hỏi thầy cô, xem trang chính thức.',
  text: 'Em hỏi lại cô chủ nhiệm.',
  maxScore: 2,
  submittedAt: '2026-12-07T05:58:00Z',
  itemId: 'item-1',
  lessonId: 'lesson-1',
  classId: 'class-8a1',
  assignmentId: 'assignment-1',
});
const summary = (total: number): ReviewSummaryDto => ({ total, classes: [{ id: 'class-8a1', name: '8A1', count: total }], lessons: [] });
const dung = card('r-dung', 'Bùi Văn Dũng');
const dat = card('r-dat', 'Đặng Minh Đạt');
const hai = card('r-hai', 'Dương Đức Hải');

/** Answers the oldest waiting call to `path`. */
async function reply(path: string, value: unknown): Promise<void> {
  const at = calls.findIndex((call) => call.path === path);
  if (at < 0) throw new Error(`no call to ${path} is waiting (waiting: ${calls.map((call) => call.path).join(', ')})`);
  calls.splice(at, 1)[0]!.resolve(value);
  await settle();
}

/** Every waiting call to `path`, oldest first, taken off the list to be answered in any order. */
function take(path: string): Pending<unknown>[] {
  const taken = calls.filter((call) => call.path === path);
  calls.splice(0, calls.length, ...calls.filter((call) => call.path !== path));
  return taken;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const names = (store: ReturnType<typeof useReviewsStore>) => store.items.map((one) => one.studentName);

beforeEach(() => {
  calls.length = 0;
  setActivePinia(createPinia());
});

describe('the review queue', () => {
  async function opened() {
    const store = useReviewsStore();
    const loading = store.filter({});
    await reply('queue@0', [dung, dat, hai]);
    await reply('summary', summary(3));
    await loading;
    return store;
  }

  it('groups a page by question and counts what waits', async () => {
    const store = await opened();
    expect(store.groups.map((group) => group.answers.length)).toEqual([3]);
    expect(store.summary.total).toBe(3);
    expect(store.loading).toBe(false);
  });

  it('takes a graded answer out at once and fetches the page again', async () => {
    const store = await opened();
    const grading = store.grade(dung, { score: 1.5, comment: '' });
    await reply('review r-dung', {});
    expect(names(store)).toEqual(['Đặng Minh Đạt', 'Dương Đức Hải']);
    expect(store.summary.total).toBe(2);
    await reply('queue@0', [dat, hai]);
    await reply('summary', summary(2));
    await grading;
    expect(names(store)).toEqual(['Đặng Minh Đạt', 'Dương Đức Hải']);
  });

  it('never shows a graded answer again when a page fetched before the grade answers after it', async () => {
    const store = await opened();
    // Two answers graded quickly: the page fetched after the first grade answers last, and still lists the second.
    const first = store.grade(dung, { score: 2, comment: '' });
    await reply('review r-dung', {});
    const second = store.grade(dat, { score: 1, comment: '' });
    await reply('review r-dat', {});
    expect(names(store)).toEqual(['Dương Đức Hải']);
    // The newer load answers first, then the stale one (asked for before Đạt's grade was saved).
    const [staleQueue, newQueue] = take('queue@0');
    const [staleSummary, newSummary] = take('summary');
    newQueue!.resolve([hai]);
    newSummary!.resolve(summary(1));
    await settle();
    staleQueue!.resolve([dat, hai]);
    staleSummary!.resolve(summary(2));
    await settle();
    await Promise.all([first, second]);
    expect(names(store)).toEqual(['Dương Đức Hải']);
    expect(store.summary.total).toBe(1);
    expect(store.loading).toBe(false);
  });

  it('drops the answer of an older page load even when no grade is involved', async () => {
    const store = await opened();
    const toPage2 = store.goTo(1);
    const again = store.load();
    const [olderQueue, newerQueue] = take('queue@0');
    const [olderSummary, newerSummary] = take('summary');
    newerQueue!.resolve([hai]);
    newerSummary!.resolve(summary(1));
    await settle();
    olderQueue!.resolve([dung, dat, hai]);
    olderSummary!.resolve(summary(3));
    await settle();
    await Promise.all([toPage2, again]);
    expect(names(store)).toEqual(['Dương Đức Hải']);
    expect(store.summary.total).toBe(1);
  });

  it('sends one grade when the card is submitted twice while saving', async () => {
    const store = await opened();
    const first = store.grade(dung, { score: 1.5, comment: '' });
    const twice = store.grade(dung, { score: 1.5, comment: '' });
    expect(calls.filter((call) => call.path === 'review r-dung')).toHaveLength(1);
    await twice;
    await reply('review r-dung', {});
    await reply('queue@0', [dat, hai]);
    await reply('summary', summary(2));
    await first;
    expect(store.summary.total).toBe(2);
  });
});
