import { liveTotalTimeMs, type MachineState, playedQuestions } from '@tinhtao/shared';
import type { Redis } from 'ioredis';

import type { LiveStore, PlayerInfo, Ranked, Recorded, StoredAnswer, VersionedState } from './live-store.js';

const TTL_SECONDS = 2 * 24 * 3600;
/**
 * Points and time in one sorted-set score: more points first, then more time saved against
 * silence, which is less total time (DESIGN's tie-break; an unanswered question counts its
 * whole duration, see scoring.ts). Saved time stays under 100 questions × 300 s < SCALE.
 */
const SCALE = 1e8;
const combined = (points: number, savedMs: number) => points * SCALE + savedMs;
const split = (value: number) => {
  const points = Math.max(0, Math.floor(value / SCALE));
  return { score: points, savedMs: value - points * SCALE };
};

const CAS = `
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

// KEYS: answers of the question, answered counts, ranking, kicked, players. Idempotent per student × question.
// Answers {answered, players}, or {-1} for an answer counted before, {-2} for a kicked player.
const RECORD = `
if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {-2} end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return {-1} end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('ZINCRBY', KEYS[3], ARGV[4], ARGV[1])
local answered = redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
return {answered, redis.call('HLEN', KEYS[5]) - redis.call('SCARD', KEYS[4])}`;

// KEYS: kicked, ranking, answered counts. ARGV[2] is the answers' key prefix (one Redis, not a cluster).
const KICK = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
for q = 0, tonumber(ARGV[3]) - 1 do
  if redis.call('HEXISTS', ARGV[2] .. q, ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[3], q, -1) end
end
return 1`;

const LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * The live state in Redis, so that any node serves any player of a session: a hash for
 * the machine state (compare-and-set by version), a hash of players and a set of kicked
 * ones, one hash of answers per question (HSETNX: one answer per student), a counter per
 * question, and a sorted set for the ranking.
 */
export class RedisLiveStore implements LiveStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private k(sessionId: string, part: string) {
    return `${this.prefix}live:${sessionId}:${part}`;
  }

  async state(sessionId: string): Promise<VersionedState | null> {
    const [v, s] = await this.redis.hmget(this.k(sessionId, 'state'), 'v', 's');
    return v === null || s === null ? null : { state: JSON.parse(s) as MachineState, version: Number(v) };
  }

  async seed(
    sessionId: string,
    state: MachineState,
    players: (PlayerInfo & { kicked: boolean })[],
    answers: { questionIndex: number; studentId: string; answer: StoredAnswer }[],
  ): Promise<void> {
    if (await this.state(sessionId)) return;
    const lock = await this.redis.set(this.k(sessionId, 'seeding'), '1', 'PX', 10_000, 'NX');
    if (!lock) {
      // Another node is seeding: wait for its state to appear.
      for (let i = 0; i < 100 && !(await this.state(sessionId)); i++) await new Promise((r) => setTimeout(r, 50));
      return;
    }
    const m = this.redis.multi();
    const kicked = new Set(players.filter((p) => p.kicked).map((p) => p.studentId));
    for (const p of players) {
      m.hset(this.k(sessionId, 'players'), p.studentId, JSON.stringify({ name: p.name, schoolName: p.schoolName }));
      if (p.kicked) m.sadd(this.k(sessionId, 'kicked'), p.studentId);
    }
    const totals = new Map<string, { points: number; saved: number }>(players.filter((p) => !p.kicked).map((p) => [p.studentId, { points: 0, saved: 0 }]));
    const counts = new Map<number, number>();
    for (const a of answers) {
      m.hset(this.k(sessionId, `a:${a.questionIndex}`), a.studentId, JSON.stringify(a.answer));
      m.expire(this.k(sessionId, `a:${a.questionIndex}`), TTL_SECONDS);
      const t = totals.get(a.studentId);
      if (!t || kicked.has(a.studentId)) continue;
      t.points += a.answer.points;
      t.saved += a.answer.savedMs;
      counts.set(a.questionIndex, (counts.get(a.questionIndex) ?? 0) + 1);
    }
    for (const [id, t] of totals) m.zadd(this.k(sessionId, 'rank'), combined(t.points, t.saved), id);
    for (const [q, n] of counts) m.hset(this.k(sessionId, 'n'), String(q), n);
    for (const part of ['players', 'kicked', 'rank', 'n']) m.expire(this.k(sessionId, part), TTL_SECONDS);
    // The state goes last: a session is seeded once its state is there.
    m.hset(this.k(sessionId, 'state'), 'v', 0, 's', JSON.stringify(state));
    m.expire(this.k(sessionId, 'state'), TTL_SECONDS);
    await m.exec();
  }

  async casState(sessionId: string, version: number, next: MachineState): Promise<boolean> {
    return (await this.redis.eval(CAS, 1, this.k(sessionId, 'state'), String(version), String(version + 1), JSON.stringify(next), TTL_SECONDS)) === 1;
  }

  async addPlayer(sessionId: string, player: PlayerInfo): Promise<void> {
    await this.redis
      .multi()
      .hset(this.k(sessionId, 'players'), player.studentId, JSON.stringify({ name: player.name, schoolName: player.schoolName }))
      .zadd(this.k(sessionId, 'rank'), 'NX', 0, player.studentId)
      .expire(this.k(sessionId, 'players'), TTL_SECONDS)
      .expire(this.k(sessionId, 'rank'), TTL_SECONDS)
      .exec();
  }

  async playerStatus(sessionId: string, studentId: string): Promise<'active' | 'kicked' | null> {
    const [[, known], [, kicked]] = (await this.redis
      .multi()
      .hexists(this.k(sessionId, 'players'), studentId)
      .sismember(this.k(sessionId, 'kicked'), studentId)
      .exec())! as [unknown, number][];
    return !known ? null : kicked ? 'kicked' : 'active';
  }

  async kick(sessionId: string, studentId: string): Promise<void> {
    const state = await this.state(sessionId);
    await this.redis.eval(
      KICK,
      3,
      this.k(sessionId, 'kicked'),
      this.k(sessionId, 'rank'),
      this.k(sessionId, 'n'),
      studentId,
      this.k(sessionId, 'a:'),
      String(state?.state.total ?? 0),
      TTL_SECONDS,
    );
  }

  async players(sessionId: string): Promise<PlayerInfo[]> {
    const [all, kicked] = await Promise.all([this.redis.hgetall(this.k(sessionId, 'players')), this.redis.smembers(this.k(sessionId, 'kicked'))]);
    const out = new Set(kicked);
    return Object.entries(all)
      .filter(([id]) => !out.has(id))
      .map(([studentId, json]) => ({ studentId, ...(JSON.parse(json) as { name: string; schoolName: string }) }));
  }

  async playerCount(sessionId: string): Promise<number> {
    const [[, all], [, kicked]] = (await this.redis.multi().hlen(this.k(sessionId, 'players')).scard(this.k(sessionId, 'kicked')).exec())! as [
      unknown,
      number,
    ][];
    return all - kicked;
  }

  async recordAnswer(sessionId: string, questionIndex: number, studentId: string, answer: StoredAnswer): Promise<Recorded> {
    const [answered, players] = (await this.redis.eval(
      RECORD,
      5,
      this.k(sessionId, `a:${questionIndex}`),
      this.k(sessionId, 'n'),
      this.k(sessionId, 'rank'),
      this.k(sessionId, 'kicked'),
      this.k(sessionId, 'players'),
      studentId,
      JSON.stringify(answer),
      String(questionIndex),
      String(combined(answer.points, answer.savedMs)),
      TTL_SECONDS,
    )) as number[];
    if (answered === -1) return 'duplicate';
    if (answered === -2) return 'kicked';
    return { answered, players };
  }

  async answer(sessionId: string, questionIndex: number, studentId: string): Promise<StoredAnswer | null> {
    const json = await this.redis.hget(this.k(sessionId, `a:${questionIndex}`), studentId);
    return json ? (JSON.parse(json) as StoredAnswer) : null;
  }

  async answeredCount(sessionId: string, questionIndex: number): Promise<number> {
    return Number((await this.redis.hget(this.k(sessionId, 'n'), String(questionIndex))) ?? 0);
  }

  async choices(sessionId: string, questionIndex: number): Promise<number[][]> {
    const [all, kicked] = await Promise.all([this.redis.hgetall(this.k(sessionId, `a:${questionIndex}`)), this.redis.smembers(this.k(sessionId, 'kicked'))]);
    const out = new Set(kicked);
    return Object.entries(all)
      .filter(([id]) => !out.has(id))
      .map(([, json]) => (JSON.parse(json) as StoredAnswer).choice);
  }

  async ranking(sessionId: string): Promise<Ranked[]> {
    const [flat, names, current] = await Promise.all([
      this.redis.zrevrange(this.k(sessionId, 'rank'), 0, -1, 'WITHSCORES'),
      this.redis.hgetall(this.k(sessionId, 'players')),
      this.state(sessionId),
    ]);
    const played = current ? playedQuestions(current.state) : 0;
    const durationMs = current?.state.durationMs ?? 0;
    const ranked: Ranked[] = [];
    let previous: number | null = null;
    for (let i = 0; i < flat.length; i += 2) {
      const studentId = flat[i];
      const value = Number(flat[i + 1]);
      const info = names[studentId] ? (JSON.parse(names[studentId]) as { name: string; schoolName: string }) : { name: '', schoolName: '' };
      const rank: number = previous === value ? ranked[ranked.length - 1].rank : i / 2 + 1;
      previous = value;
      const { score, savedMs } = split(value);
      ranked.push({ studentId, ...info, score, totalTimeMs: liveTotalTimeMs(played, durationMs, savedMs), rank });
    }
    return ranked;
  }

  async standing(sessionId: string, studentId: string, without?: number): Promise<{ rank: number; score: number } | null> {
    if (without !== undefined) return this.standingWithout(sessionId, studentId, without);
    const value = await this.redis.zscore(this.k(sessionId, 'rank'), studentId);
    if (value === null) return null;
    const above = await this.redis.zcount(this.k(sessionId, 'rank'), `(${value}`, '+inf');
    return { rank: above + 1, score: split(Number(value)).score };
  }

  /** The standing with one question's answers taken out: one pass over the ranking (a rejoin during a question, not every answer). */
  private async standingWithout(sessionId: string, studentId: string, questionIndex: number): Promise<{ rank: number; score: number } | null> {
    const [flat, answers] = await Promise.all([
      this.redis.zrange(this.k(sessionId, 'rank'), 0, -1, 'WITHSCORES'),
      this.redis.hgetall(this.k(sessionId, `a:${questionIndex}`)),
    ]);
    const before = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) {
      const answer = answers[flat[i]] ? (JSON.parse(answers[flat[i]]) as StoredAnswer) : null;
      before.set(flat[i], Number(flat[i + 1]) - (answer ? combined(answer.points, answer.savedMs) : 0));
    }
    const mine = before.get(studentId);
    if (mine === undefined) return null;
    let above = 0;
    for (const value of before.values()) if (value > mine) above++;
    return { rank: above + 1, score: split(mine).score };
  }

  async holdLease(sessionId: string, nodeId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(LEASE, 1, this.k(sessionId, 'lease'), nodeId, String(ttlMs))) === 1;
  }

  /** Redis keys expire by themselves (two days), so that late readers still find an ended session. */
  async forget(): Promise<void> {}
}
