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

// ── The tie-break time (DESIGN §3: "ties on score break by lower total answer time") ──────────
// A question left unanswered must never cost less time than an answer: otherwise a silent
// player ranks above every player who answered wrongly at the same score.

/**
 * Live: the time one question adds to a player's total. An answer counts its own time, capped
 * at the question's duration; an unanswered question counts its whole duration.
 */
export function questionTimeMs(elapsedMs: number | null, durationMs: number): number {
  return elapsedMs === null ? durationMs : Math.min(Math.max(elapsedMs, 0), durationMs);
}

/**
 * What the live stores keep per answer instead of its time: the time it saved against silence,
 * `duration − questionTimeMs`. Every player's total is (questions played × duration) − saved,
 * and the first term is the same for all players, so more saved is less total time.
 */
export function timeSavedMs(elapsedMs: number, durationMs: number): number {
  return durationMs - questionTimeMs(elapsedMs, durationMs);
}

/** Questions of a live session that count toward the total time: every question opened so far. */
export function playedQuestions(state: { questionIndex: number }): number {
  return Math.max(0, state.questionIndex + 1);
}

/** A live player's total time from what the stores keep. */
export function liveTotalTimeMs(played: number, durationMs: number, savedMs: number): number {
  return played * durationMs - savedMs;
}

/**
 * Scheduled contests: an entry's tie-break time is the time it used (start to submission, at
 * most the deadline) plus, for every question left unanswered, that question's whole share of
 * the allowed time (seconds per question). Leaving a question blank never saves time.
 */
export function entryTimeMs(usedMs: number, unanswered: number, shareMs: number): number {
  return Math.max(0, usedMs) + unanswered * shareMs;
}

/** How many of an entry's questions have an answer (an empty choice is no answer). */
export function unansweredCount(questions: number, answers: Record<string, readonly number[]>): number {
  let answered = 0;
  for (let q = 0; q < questions; q++) if ((answers[String(q)]?.length ?? 0) > 0) answered++;
  return questions - answered;
}

/**
 * The reveal's distribution, one count per option. Choice kinds: how many chose the option.
 * `ordering`: every player places every statement, so a count of "chosen" says nothing; the
 * count is how many placed that statement at its right position.
 */
export function revealDistribution(kind: string, correct: readonly number[], options: number, choices: Iterable<readonly number[]>): number[] {
  const counts = Array.from({ length: options }, () => 0);
  for (const choice of choices) {
    if (kind === 'ordering') {
      choice.forEach((option, position) => {
        if (option < options && correct[position] === option) counts[option]++;
      });
    } else {
      for (const option of choice) if (option < options) counts[option]++;
    }
  }
  return counts;
}
