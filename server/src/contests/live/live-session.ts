import {
  answerPoints,
  gradeItem,
  type ItemDto,
  type LeaderboardView,
  type MachineState,
  type QuestionView,
  rankStandings,
  type RevealView,
  type SessionStateView,
} from '@tinhtao/shared';

export interface Player {
  studentId: string;
  name: string;
  schoolName: string;
  score: number;
  totalTimeMs: number;
  kicked: boolean;
}

export interface StoredAnswer {
  choice: number[];
  points: number;
  correct: boolean;
  elapsedMs: number;
  receivedAt: number;
}

const TOP = 10;

/** One live session's state on the node that drives it: the machine, the players, the answers. */
export class LiveSession {
  readonly players = new Map<string, Player>();
  /** questionIndex → studentId → answer. */
  readonly answers = new Map<number, Map<string, StoredAnswer>>();
  /** Answers being written: a second one for the same key waits for nobody, it is refused. */
  readonly pending = new Set<string>();
  private ranks = new Map<string, number>();
  timer: NodeJS.Timeout | null = null;
  hostNotice: NodeJS.Timeout | null = null;

  constructor(
    readonly id: string,
    readonly contestId: string,
    readonly pin: string,
    readonly title: string,
    readonly items: ItemDto[],
    public state: MachineState,
  ) {}

  activePlayers(): Player[] {
    return [...this.players.values()].filter((p) => !p.kicked);
  }

  answeredCount(questionIndex = this.state.questionIndex): number {
    const answers = this.answers.get(questionIndex);
    if (!answers) return 0;
    let n = 0;
    for (const id of answers.keys()) if (!this.players.get(id)?.kicked) n++;
    return n;
  }

  /** Grades a choice for the question with the shared rule and the contest's clock. */
  grade(questionIndex: number, choice: number[], elapsedMs: number): { correct: boolean; points: number } {
    const item = this.items[questionIndex];
    const correct = gradeItem(item, choice).correct === true;
    return { correct, points: answerPoints(correct, elapsedMs, this.state.durationMs) };
  }

  record(questionIndex: number, studentId: string, answer: StoredAnswer): void {
    let answers = this.answers.get(questionIndex);
    if (!answers) this.answers.set(questionIndex, (answers = new Map()));
    answers.set(studentId, answer);
    const player = this.players.get(studentId);
    if (player) {
      player.score += answer.points;
      player.totalTimeMs += answer.elapsedMs;
    }
  }

  question(serverNow: number): QuestionView | undefined {
    const item = this.items[this.state.questionIndex];
    if (!item || (this.state.phase !== 'question' && this.state.phase !== 'paused')) return undefined;
    return {
      questionIndex: this.state.questionIndex,
      total: this.state.total,
      text: item.prompt,
      options: [...item.options],
      kind: item.kind,
      durationMs: this.state.durationMs,
      endsAt: this.state.endsAt ?? serverNow + (this.state.remainingMs ?? 0),
      serverNow,
    };
  }

  reveal(): RevealView {
    const q = this.state.questionIndex;
    const item = this.items[q];
    const distribution = item.options.map(() => 0);
    for (const [id, a] of this.answers.get(q) ?? []) {
      if (this.players.get(id)?.kicked) continue;
      for (const i of a.choice) if (i < distribution.length) distribution[i]++;
    }
    return { questionIndex: q, correct: [...(item.answer as number[])], distribution };
  }

  /** Ranks everyone now and keeps the ranks for snapshots until the next ranking. */
  rank(): ReturnType<typeof rankStandings<Player & { id: string }>> {
    const ranked = rankStandings(this.activePlayers().map((p) => ({ ...p, id: p.studentId })));
    this.ranks = new Map(ranked.map((p) => [p.studentId, p.rank]));
    return ranked;
  }

  leaderboard(ranked: ReturnType<LiveSession['rank']>): LeaderboardView['top'] {
    return ranked.slice(0, TOP).map((p) => ({ rank: p.rank, name: p.name, schoolName: p.schoolName, score: p.score }));
  }

  you(studentId: string): { score: number; rank: number | null } {
    return { score: this.players.get(studentId)?.score ?? 0, rank: this.ranks.get(studentId) ?? null };
  }

  snapshot(serverNow: number, studentId?: string): SessionStateView {
    const view: SessionStateView = {
      sessionId: this.id,
      phase: this.state.phase,
      questionIndex: this.state.questionIndex,
      total: this.state.total,
      serverNow,
      players: this.activePlayers().length,
      answered: this.answeredCount(),
    };
    const question = this.question(serverNow);
    if (question) view.question = question;
    if (this.state.endsAt !== null && this.state.phase === 'question') view.endsAt = this.state.endsAt;
    if (studentId) {
      const own = this.answers.get(this.state.questionIndex)?.get(studentId);
      view.you = { ...this.you(studentId), answered: !!own, ...(own ? { choice: own.choice } : {}) };
    }
    return view;
  }
}
