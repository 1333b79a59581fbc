import { ANSWER_GRACE_MS, initialState, judgeAnswerTime, type MachineState, transition } from './machine.js';

const T0 = 1_000_000;
const run = (state: MachineState, ...steps: [Parameters<typeof transition>[1], number][]) =>
  steps.reduce((s, [event, now]) => {
    const t = transition(s, event, now);
    if (!t.ok) throw new Error(`${event.type} refused in ${s.phase}`);
    return t.state;
  }, state);

describe('the live session machine', () => {
  const lobby = initialState(2, 20_000);

  it('runs lobby → question → reveal → question → reveal → ended with the server clock', () => {
    const q0 = transition(lobby, { type: 'start' }, T0);
    expect(q0).toMatchObject({ ok: true, effects: ['questionStart'], state: { phase: 'question', questionIndex: 0, startedAt: T0, endsAt: T0 + 20_000 } });
    const revealed = run(lobby, [{ type: 'start' }, T0], [{ type: 'timeUp', questionIndex: 0 }, T0 + 20_000]);
    expect(revealed).toMatchObject({ phase: 'reveal', questionIndex: 0 });
    const q1 = run(revealed, [{ type: 'next' }, T0 + 30_000]);
    expect(q1).toMatchObject({ phase: 'question', questionIndex: 1, endsAt: T0 + 50_000 });
    const closed = run(q1, [{ type: 'allAnswered', questionIndex: 1 }, T0 + 31_000]);
    expect(closed).toMatchObject({ phase: 'reveal', endsAt: T0 + 31_000 });
    expect(transition(closed, { type: 'next' }, T0 + 40_000)).toMatchObject({ ok: true, effects: ['ended'], state: { phase: 'ended' } });
  });

  it('ignores a timer or a last answer for a question already closed', () => {
    const q1 = run(lobby, [{ type: 'start' }, T0], [{ type: 'reveal' }, T0 + 1000], [{ type: 'next' }, T0 + 2000]);
    expect(transition(q1, { type: 'timeUp', questionIndex: 0 }, T0 + 20_000)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
    expect(transition(q1, { type: 'allAnswered', questionIndex: 0 }, T0 + 2500)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
  });

  it('pauses with the time left and resumes with it', () => {
    const paused = run(lobby, [{ type: 'start' }, T0], [{ type: 'pause' }, T0 + 5000]);
    expect(paused).toMatchObject({ phase: 'paused', remainingMs: 15_000, endsAt: null });
    const resumed = run(paused, [{ type: 'resume' }, T0 + 60_000]);
    expect(resumed).toMatchObject({ phase: 'question', endsAt: T0 + 75_000, startedAt: T0 + 55_000 });
  });

  it('skips a question so that it scores nobody, and ends from anywhere', () => {
    const skipped = run(lobby, [{ type: 'start' }, T0], [{ type: 'skip' }, T0 + 3000]);
    expect(skipped).toMatchObject({ phase: 'question', questionIndex: 1, skipped: [0] });
    expect(transition(skipped, { type: 'end' }, T0 + 4000)).toMatchObject({ ok: true, effects: ['ended'] });
    expect(transition(run(skipped, [{ type: 'end' }, T0]), { type: 'start' }, T0)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
  });

  it('refuses host moves out of order', () => {
    expect(transition(lobby, { type: 'next' }, T0)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
    expect(transition(lobby, { type: 'reveal' }, T0)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
    expect(transition(run(lobby, [{ type: 'start' }, T0]), { type: 'start' }, T0)).toEqual({ ok: false, reason: 'NOT_ALLOWED' });
  });
});

describe('judgeAnswerTime', () => {
  const q0 = run(initialState(3, 10_000), [{ type: 'start' }, T0]);
  it('measures the time from the question start, by the server clock', () => {
    expect(judgeAnswerTime(q0, 0, T0 + 2500)).toEqual({ ok: true, elapsedMs: 2500 });
  });
  it('accepts within the stated grace and refuses after it', () => {
    expect(judgeAnswerTime(q0, 0, T0 + 10_000 + ANSWER_GRACE_MS)).toEqual({ ok: true, elapsedMs: 10_000 });
    expect(judgeAnswerTime(q0, 0, T0 + 10_001 + ANSWER_GRACE_MS)).toEqual({ ok: false, code: 'TOO_LATE' });
  });
  it('refuses an answer to a closed question as too late and to a future one as not allowed', () => {
    const revealed = run(q0, [{ type: 'reveal' }, T0 + 1000]);
    expect(judgeAnswerTime(revealed, 0, T0 + 1200)).toEqual({ ok: false, code: 'TOO_LATE' });
    expect(judgeAnswerTime(q0, 1, T0 + 100)).toEqual({ ok: false, code: 'NOT_ALLOWED' });
  });
});
