import { describe, expect, it } from '@jest/globals';
import type { AttemptDto, StudentLessonDto } from '@tinhtao/shared';

import { ApiError } from '@/api/ApiError';

import { afterFailure, cachedFrom, mergeQueued, newerSave, type QueuedSave, sendOrder, withSaved } from './queue';

const attempt: AttemptDto = {
  attemptId: 'att-1',
  assignmentId: 'asg-1',
  lessonId: 'les-1',
  status: 'in_progress',
  responses: { q1: [0], q2: { marked: [1] } },
  startedAt: '2026-09-05T08:00:00.000Z',
  dueAt: '2026-09-12T08:00:00.000Z',
};
const lesson = { id: 'les-1', title: 'Tin giả trên mạng', items: [] } as unknown as StudentLessonDto;
const FETCHED = 1_000;

const save = (itemId: string, seq: number, response: QueuedSave['response'] = [seq], attemptId = 'att-1'): QueuedSave => ({
  userId: 'hs1',
  assignmentId: 'asg-1',
  attemptId,
  itemId,
  response,
  seq,
});
const problem = (status: number, code?: string) => new ApiError({ type: 'about:blank', title: 'x', status, code });

describe('cachedFrom', () => {
  it("dates every answer of the server's copy by when it was fetched", () => {
    expect(cachedFrom('hs1', attempt, lesson, FETCHED)).toEqual({ userId: 'hs1', assignmentId: 'asg-1', attempt, lesson, seqs: { q1: 1_000, q2: 1_000 } });
  });
});

describe('withSaved', () => {
  it('keeps an answer the server took, with its seq', () => {
    const next = withSaved(cachedFrom('hs1', attempt, lesson, FETCHED), 'q3', [2], 1_500);
    expect(next.attempt.responses.q3).toEqual([2]);
    expect(next.seqs.q3).toBe(1_500);
  });

  it('ignores a save older than the answer it holds', () => {
    const cached = withSaved(cachedFrom('hs1', attempt, lesson, FETCHED), 'q1', [3], 2_000);
    expect(withSaved(cached, 'q1', [1], 1_900)).toBe(cached);
  });
});

describe('mergeQueued', () => {
  const cached = cachedFrom('hs1', attempt, lesson, FETCHED);

  it('shows a queued answer newer than the kept copy, and answers the copy lacks', () => {
    expect(mergeQueued(cached, [save('q1', 1_200, [2]), save('q3', 900, [1])])).toEqual({ q1: [2], q2: { marked: [1] }, q3: [1] });
  });

  it('keeps the copy where the queued answer is older', () => {
    expect(mergeQueued(cached, [save('q2', 999, { marked: [0] })]).q2).toEqual({ marked: [1] });
  });

  it("takes the newest of several and ignores another attempt's answers", () => {
    const merged = mergeQueued(cached, [save('q1', 1_300, [3]), save('q1', 1_200, [2]), save('q4', 5_000, [0], 'att-2')]);
    expect(merged).toEqual({ q1: [3], q2: { marked: [1] } });
  });
});

describe('the queue', () => {
  it('goes out in the order the student answered (seq), whatever the item order', () => {
    const queued = [save('q1', 3_000), save('q3', 1_000), save('q2', 2_000)];
    expect(sendOrder(queued).map((one) => one.itemId)).toEqual(['q3', 'q2', 'q1']);
    expect(queued.map((one) => one.itemId)).toEqual(['q1', 'q3', 'q2']);
  });

  it('holds one answer per item: the newer stays, whichever came last', () => {
    expect(newerSave(save('q1', 2_000), save('q1', 1_000)).seq).toBe(2_000);
    expect(newerSave(save('q1', 1_000), save('q1', 2_000)).seq).toBe(2_000);
    expect(newerSave(undefined, save('q1', 1_000)).seq).toBe(1_000);
  });

  it('waits on no network, a busy or failing server and an expired session; drops what the server refuses for good', () => {
    expect(afterFailure(ApiError.network())).toBe('wait');
    expect(afterFailure(problem(503))).toBe('wait');
    expect(afterFailure(problem(429))).toBe('wait');
    expect(afterFailure(problem(401, 'UNAUTHENTICATED'))).toBe('wait');
    expect(afterFailure(problem(409, 'ALREADY_SUBMITTED'))).toBe('drop');
    expect(afterFailure(problem(409, 'ASSIGNMENT_CLOSED'))).toBe('drop');
    expect(afterFailure(problem(404))).toBe('drop');
    expect(afterFailure(problem(422, 'VALIDATION_FAILED'))).toBe('drop');
  });
});
