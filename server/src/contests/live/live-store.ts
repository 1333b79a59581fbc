import { type MachineState, rankStandings } from '@tinhtao/shared';

/** The LiveStore this node uses: memory for one node, Redis when REDIS_URL is set. */
export const LIVE_STORE = Symbol('LIVE_STORE');

export interface PlayerInfo {
  studentId: string;
  name: string;
  schoolName: string;
}

export interface StoredAnswer {
  choice: number[];
  points: number;
  correct: boolean;
  elapsedMs: number;
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
  seed(sessionId: string, state: MachineState, players: (PlayerInfo & { kicked: boolean })[], answers: { questionIndex: number; studentId: string; answer: StoredAnswer }[]): Promise<void>;
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
  /** How many active players chose each option. */
  distribution(sessionId: string, questionIndex: number, options: number): Promise<number[]>;
  ranking(sessionId: string): Promise<Ranked[]>;
  /** One student's rank (ties share a rank) and score now. */
  standing(sessionId: string, studentId: string): Promise<{ rank: number; score: number } | null>;
  /** The node that drives the session's timer holds this lease; it lapses when the node dies. */
  holdLease(sessionId: string, nodeId: string, ttlMs: number): Promise<boolean>;
  /** Drops an ended session's state from this store; PostgreSQL keeps everything, and a late reader seeds it again. */
  forget(sessionId: string): Promise<void>;
}

interface MemorySession {
  state: VersionedState;
  players: Map<string, PlayerInfo & { kicked: boolean; score: number; totalTimeMs: number }>;
  answers: Map<number, Map<string, StoredAnswer>>;
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

  async seed(sessionId: string, state: MachineState, players: (PlayerInfo & { kicked: boolean })[], answers: { questionIndex: number; studentId: string; answer: StoredAnswer }[]) {
    if (this.sessions.has(sessionId)) return;
    const s: MemorySession = { state: { state, version: 0 }, players: new Map(players.map((p) => [p.studentId, { ...p, score: 0, totalTimeMs: 0 }])), answers: new Map() };
    this.sessions.set(sessionId, s);
    for (const a of answers) {
      let byStudent = s.answers.get(a.questionIndex);
      if (!byStudent) s.answers.set(a.questionIndex, (byStudent = new Map()));
      byStudent.set(a.studentId, a.answer);
      const p = s.players.get(a.studentId);
      if (p) {
        p.score += a.answer.points;
        p.totalTimeMs += a.answer.elapsedMs;
      }
    }
  }

  async casState(sessionId: string, version: number, next: MachineState) {
    const s = this.get(sessionId);
    if (s.state.version !== version) return false;
    s.state = { state: next, version: version + 1 };
    return true;
  }

  async addPlayer(sessionId: string, player: PlayerInfo) {
    const s = this.get(sessionId);
    if (!s.players.has(player.studentId)) s.players.set(player.studentId, { ...player, kicked: false, score: 0, totalTimeMs: 0 });
  }

  async playerStatus(sessionId: string, studentId: string) {
    const p = this.get(sessionId).players.get(studentId);
    return p ? (p.kicked ? 'kicked' : 'active') : null;
  }

  async kick(sessionId: string, studentId: string) {
    const p = this.get(sessionId).players.get(studentId);
    if (p) p.kicked = true;
  }

  async players(sessionId: string) {
    return [...this.get(sessionId).players.values()].filter((p) => !p.kicked).map(({ studentId, name, schoolName }) => ({ studentId, name, schoolName }));
  }

  async playerCount(sessionId: string) {
    return [...this.get(sessionId).players.values()].filter((p) => !p.kicked).length;
  }

  async recordAnswer(sessionId: string, questionIndex: number, studentId: string, answer: StoredAnswer): Promise<Recorded> {
    const s = this.get(sessionId);
    if (s.players.get(studentId)?.kicked) return 'kicked';
    let answers = s.answers.get(questionIndex);
    if (!answers) s.answers.set(questionIndex, (answers = new Map()));
    if (answers.has(studentId)) return 'duplicate';
    answers.set(studentId, answer);
    const p = s.players.get(studentId);
    if (p) {
      p.score += answer.points;
      p.totalTimeMs += answer.elapsedMs;
    }
    return { answered: await this.answeredCount(sessionId, questionIndex), players: await this.playerCount(sessionId) };
  }

  async answer(sessionId: string, questionIndex: number, studentId: string) {
    return this.get(sessionId).answers.get(questionIndex)?.get(studentId) ?? null;
  }

  async answeredCount(sessionId: string, questionIndex: number) {
    const s = this.get(sessionId);
    let n = 0;
    for (const id of s.answers.get(questionIndex)?.keys() ?? []) if (s.players.get(id) && !s.players.get(id)!.kicked) n++;
    return n;
  }

  async distribution(sessionId: string, questionIndex: number, options: number) {
    const s = this.get(sessionId);
    const counts = Array.from({ length: options }, () => 0);
    for (const [id, a] of s.answers.get(questionIndex) ?? []) {
      if (s.players.get(id)?.kicked) continue;
      for (const i of a.choice) if (i < options) counts[i]++;
    }
    return counts;
  }

  async ranking(sessionId: string) {
    const active = [...this.get(sessionId).players.values()].filter((p) => !p.kicked);
    return rankStandings(active.map((p) => ({ ...p, id: p.studentId }))).map(({ studentId, name, schoolName, score, totalTimeMs, rank }) => ({ studentId, name, schoolName, score, totalTimeMs, rank }));
  }

  async standing(sessionId: string, studentId: string) {
    const me = (await this.ranking(sessionId)).find((r) => r.studentId === studentId);
    return me ? { rank: me.rank, score: me.score } : null;
  }

  async holdLease() {
    return true;
  }

  async forget(sessionId: string) {
    this.sessions.delete(sessionId);
  }
}
