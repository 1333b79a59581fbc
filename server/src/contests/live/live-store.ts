import { type LivePlayer, liveTotalTimeMs, type MachineState, playedQuestions, rankStandings } from '@tinhtao/shared';

/** The LiveStore this node uses: memory for one node, Redis when REDIS_URL is set. */
export const LIVE_STORE = Symbol('LIVE_STORE');

/** A player as the host's lobby lists them (`shared`'s LivePlayer). */
export type PlayerInfo = LivePlayer;

export interface StoredAnswer {
  choice: number[];
  points: number;
  correct: boolean;
  elapsedMs: number;
  /** `timeSavedMs(elapsedMs, duration)`: what the ranking's tie-break adds up (see scoring.ts). */
  savedMs: number;
  receivedAt: number;
}

export interface Ranked extends PlayerInfo {
  rank: number;
  score: number;
  totalTimeMs: number;
}

export type Recorded = { answered: number; players: number } | 'duplicate' | 'kicked';

export interface VersionedState {
  state: MachineState;
  version: number;
}

/**
 * Where a live session's shared state lives: in this process (one node), or in Redis so
 * that any number of nodes serve one session. Answers are first made durable in
 * PostgreSQL (whose key makes them idempotent); the store then counts and ranks them.
 */
export interface LiveStore {
  /** Null until some node seeded the session (after a restart, from PostgreSQL). */
  state(sessionId: string): Promise<VersionedState | null>;
  /** Seeds a session once; a second seeding (another node, the same moment) changes nothing. */
  seed(
    sessionId: string,
    state: MachineState,
    players: (PlayerInfo & { kicked: boolean })[],
    answers: { questionIndex: number; studentId: string; answer: StoredAnswer }[],
  ): Promise<void>;
  /** Compare-and-set: the new state is stored only over the version it was computed from. */
  casState(sessionId: string, version: number, next: MachineState): Promise<boolean>;
  addPlayer(sessionId: string, player: PlayerInfo): Promise<void>;
  playerStatus(sessionId: string, studentId: string): Promise<'active' | 'kicked' | null>;
  kick(sessionId: string, studentId: string): Promise<void>;
  players(sessionId: string): Promise<PlayerInfo[]>;
  playerCount(sessionId: string): Promise<number>;
  /**
   * Counts a durable answer once. Answers how many active players answered that question and
   * how many there are, 'duplicate' if it was counted before, 'kicked' for a removed player.
   */
  recordAnswer(sessionId: string, questionIndex: number, studentId: string, answer: StoredAnswer): Promise<Recorded>;
  answer(sessionId: string, questionIndex: number, studentId: string): Promise<StoredAnswer | null>;
  answeredCount(sessionId: string, questionIndex: number): Promise<number>;
  /** The choices of the active players who answered the question (for the reveal's distribution). */
  choices(sessionId: string, questionIndex: number): Promise<number[][]>;
  /** Everyone active, best first: more points, then less total time (an unanswered question counts its whole duration). */
  ranking(sessionId: string): Promise<Ranked[]>;
  /**
   * One student's rank (ties share a rank) and score now; with `without`, as they stood before
   * that question's answers counted (an open question's points would tell who was right).
   */
  standing(sessionId: string, studentId: string, without?: number): Promise<{ rank: number; score: number } | null>;
  /** The node that drives the session's timer holds this lease; it lapses when the node dies. */
  holdLease(sessionId: string, nodeId: string, ttlMs: number): Promise<boolean>;
  /** Drops an ended session's state from this store; PostgreSQL keeps everything, and a late reader seeds it again. */
  forget(sessionId: string): Promise<void>;
}

interface MemorySession {
  state: VersionedState;
  players: Map<string, PlayerInfo & { kicked: boolean; score: number; savedMs: number }>;
  answers: Map<number, Map<string, StoredAnswer>>;
  /** Kept as counters, as the Redis store does: every answer and join reads them. */
  active: number;
  answered: Map<number, number>;
}

/** One node: everything in this process. */
export class MemoryLiveStore implements LiveStore {
  private readonly sessions = new Map<string, MemorySession>();

  private get(sessionId: string): MemorySession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`live session ${sessionId} is not seeded`);
    return s;
  }

  async state(sessionId: string) {
    return this.sessions.get(sessionId)?.state ?? null;
  }

  async seed(
    sessionId: string,
    state: MachineState,
    players: (PlayerInfo & { kicked: boolean })[],
    answers: { questionIndex: number; studentId: string; answer: StoredAnswer }[],
  ) {
    if (this.sessions.has(sessionId)) return;
    const s: MemorySession = {
      state: { state, version: 0 },
      players: new Map(players.map((p) => [p.studentId, { ...p, score: 0, savedMs: 0 }])),
      answers: new Map(),
      active: players.filter((p) => !p.kicked).length,
      answered: new Map(),
    };
    this.sessions.set(sessionId, s);
    for (const a of answers) this.count(s, a.questionIndex, a.studentId, a.answer);
  }

  async casState(sessionId: string, version: number, next: MachineState) {
    const s = this.get(sessionId);
    if (s.state.version !== version) return false;
    s.state = { state: next, version: version + 1 };
    return true;
  }

  async addPlayer(sessionId: string, player: PlayerInfo) {
    const s = this.get(sessionId);
    if (s.players.has(player.studentId)) return;
    s.players.set(player.studentId, { ...player, kicked: false, score: 0, savedMs: 0 });
    s.active++;
  }

  async playerStatus(sessionId: string, studentId: string) {
    const p = this.get(sessionId).players.get(studentId);
    return p ? (p.kicked ? 'kicked' : 'active') : null;
  }

  async kick(sessionId: string, studentId: string) {
    const s = this.get(sessionId);
    const p = s.players.get(studentId);
    if (!p || p.kicked) return;
    p.kicked = true;
    s.active--;
    for (const [q, answers] of s.answers) if (answers.has(studentId)) s.answered.set(q, (s.answered.get(q) ?? 1) - 1);
  }

  async players(sessionId: string) {
    return [...this.get(sessionId).players.values()].filter((p) => !p.kicked).map(({ studentId, name, schoolName }) => ({ studentId, name, schoolName }));
  }

  async playerCount(sessionId: string) {
    return this.get(sessionId).active;
  }

  async recordAnswer(sessionId: string, questionIndex: number, studentId: string, answer: StoredAnswer): Promise<Recorded> {
    const s = this.get(sessionId);
    if (s.players.get(studentId)?.kicked) return 'kicked';
    if (s.answers.get(questionIndex)?.has(studentId)) return 'duplicate';
    this.count(s, questionIndex, studentId, answer);
    return { answered: s.answered.get(questionIndex) ?? 0, players: s.active };
  }

  private count(s: MemorySession, questionIndex: number, studentId: string, answer: StoredAnswer): void {
    let answers = s.answers.get(questionIndex);
    if (!answers) s.answers.set(questionIndex, (answers = new Map<string, StoredAnswer>()));
    answers.set(studentId, answer);
    const p = s.players.get(studentId);
    if (!p || p.kicked) return;
    p.score += answer.points;
    p.savedMs += answer.savedMs;
    s.answered.set(questionIndex, (s.answered.get(questionIndex) ?? 0) + 1);
  }

  async answer(sessionId: string, questionIndex: number, studentId: string) {
    return this.get(sessionId).answers.get(questionIndex)?.get(studentId) ?? null;
  }

  async answeredCount(sessionId: string, questionIndex: number) {
    return this.get(sessionId).answered.get(questionIndex) ?? 0;
  }

  async choices(sessionId: string, questionIndex: number) {
    const s = this.get(sessionId);
    return [...(s.answers.get(questionIndex) ?? [])].filter(([id]) => !s.players.get(id)?.kicked).map(([, a]) => a.choice);
  }

  async ranking(sessionId: string) {
    const s = this.get(sessionId);
    const played = playedQuestions(s.state.state);
    const active = [...s.players.values()].filter((p) => !p.kicked);
    return rankStandings(active.map((p) => ({ ...p, id: p.studentId, totalTimeMs: liveTotalTimeMs(played, s.state.state.durationMs, p.savedMs) }))).map(
      ({ studentId, name, schoolName, score, totalTimeMs, rank }) => ({ studentId, name, schoolName, score, totalTimeMs, rank }),
    );
  }

  /** One pass, no sort: a rank is one more than the players strictly ahead (more points, or as many in less time). */
  async standing(sessionId: string, studentId: string, without?: number) {
    const s = this.get(sessionId);
    const me = s.players.get(studentId);
    if (!me || me.kicked) return null;
    // Before any answer counts everyone stands level, first: a lobby filling up reads no other player.
    if ([...s.answers.keys()].every((q) => q === without)) return { rank: 1, score: 0 };
    const excluded = without === undefined ? undefined : s.answers.get(without);
    const at = (p: PlayerInfo & { score: number; savedMs: number }) => {
      const a = excluded?.get(p.studentId);
      return a ? { score: p.score - a.points, savedMs: p.savedMs - a.savedMs } : p;
    };
    const mine = at(me);
    let ahead = 0;
    for (const p of s.players.values()) {
      if (p.kicked) continue;
      const theirs = at(p);
      if (theirs.score > mine.score || (theirs.score === mine.score && theirs.savedMs > mine.savedMs)) ahead++;
    }
    return { rank: ahead + 1, score: mine.score };
  }

  async holdLease() {
    return true;
  }

  async forget(sessionId: string) {
    this.sessions.delete(sessionId);
  }
}
