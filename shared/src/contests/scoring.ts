/** Options a contest may turn on; both off by default (DESIGN §3). */
export interface ScoringOptions {
  /** Extra points per consecutive right answer before this one, capped. */
  streakBonus?: { perAnswer: number; max: number };
  /** Multiplies the question's points. */
  weight?: number;
}

/**
 * Points for one answer: a right answer earns round(1000 × (1 − elapsed/duration/2)), so
 * 1000 at once and 500 at the last moment; a wrong or missing answer earns 0. `elapsed` is
 * measured by the server, from the question's start to the answer's arrival.
 */
export function answerPoints(correct: boolean, elapsedMs: number, durationMs: number, streakBefore = 0, options: ScoringOptions = {}): number {
  if (!correct) return 0;
  const share = Math.min(Math.max(elapsedMs, 0), durationMs) / durationMs;
  const base = Math.round(1000 * (1 - share / 2));
  const bonus = options.streakBonus ? Math.min(streakBefore * options.streakBonus.perAnswer, options.streakBonus.max) : 0;
  return Math.round((base + bonus) * (options.weight ?? 1));
}

export interface Standing {
  id: string;
  score: number;
  /** Sum of answer times (ms) over the questions answered. */
  totalTimeMs: number;
}

/** Ranks players: higher score first; ties broken by lower total answer time; equal on both share a rank. */
export function rankStandings<T extends Standing>(players: T[]): (T & { rank: number })[] {
  const sorted = [...players].sort((a, b) => b.score - a.score || a.totalTimeMs - b.totalTimeMs || a.id.localeCompare(b.id));
  let rank = 0;
  return sorted.map((p, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.score !== p.score || prev.totalTimeMs !== p.totalTimeMs) rank = i + 1;
    return { ...p, rank };
  });
}
