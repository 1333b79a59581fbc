import {
  type Criterion,
  type Descriptor,
  type JudgeProgressDto,
  type JudgeScoreBody,
  type RoundStage,
  type SavedScoreDto,
  weightedTotal,
} from '@tinhtao/shared';

/** A judge's form for one entry: a score per criterion (null until set), a comment per criterion, an overall comment. */
export interface ScoreForm {
  scores: Record<string, number | null>;
  comments: Record<string, string>;
  comment: string;
}

/** Scores go in quarter points, as the contract takes them. */
export const SCORE_STEP = 0.25;

/** The form for an entry: empty, or the judge's saved score to change. */
export function scoreForm(criteria: readonly Criterion[], saved: SavedScoreDto | null): ScoreForm {
  const byId = new Map(saved?.criteria.map((one) => [one.criterionId, one]) ?? []);
  return {
    scores: Object.fromEntries(criteria.map((c) => [c.id, byId.get(c.id)?.score ?? null])),
    comments: Object.fromEntries(criteria.map((c) => [c.id, byId.get(c.id)?.comment ?? ''])),
    comment: saved?.comment ?? '',
  };
}

/** A typed or slid value, kept within 0..max and on the quarter-point grid; null for no value. */
export function clampScore(value: number | null | undefined, max: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const quarter = Math.round(value / SCORE_STEP) * SCORE_STEP;
  return Math.min(max, Math.max(0, quarter));
}

/** The criteria not scored yet, in the rubric's order. */
export const unscored = (criteria: readonly Criterion[], form: ScoreForm): Criterion[] =>
  criteria.filter((c) => form.scores[c.id] === null || form.scores[c.id] === undefined);

/** The body of `PUT /api/judging/:entryId/score`, or null while a criterion has no score. */
export function scoreBody(stage: RoundStage, criteria: readonly Criterion[], form: ScoreForm): JudgeScoreBody | null {
  if (unscored(criteria, form).length > 0) return null;
  return {
    stage,
    criteria: criteria.map((c) => ({ criterionId: c.id, score: form.scores[c.id]!, comment: (form.comments[c.id] ?? '').trim() })),
    comment: form.comment.trim(),
  };
}

/** The weighted total on 0..100 as the server will compute it, once every criterion is scored. */
export function liveTotal(criteria: readonly Criterion[], form: ScoreForm): number | null {
  if (unscored(criteria, form).length > 0) return null;
  const result = weightedTotal(
    { criteria },
    criteria.map((c) => ({ criterionId: c.id, score: form.scores[c.id]! })),
  );
  return result.ok ? result.total : null;
}

/** The band of the criterion's scale a score falls in ("Xuất sắc", 9–10), if the rubric describes one. */
export function bandFor(criterion: Pick<Criterion, 'descriptors'>, score: number | null): Descriptor | undefined {
  if (score === null) return undefined;
  return criterion.descriptors.find((band) => band.from <= score && score <= band.to);
}

export interface Neighbours {
  /** 0-based place of the entry in the judge's list; -1 when it is not there (replaced after a conflict). */
  index: number;
  previous: string | null;
  next: string | null;
  /** The first entry not yet scored after this one, else before it: where "save and next" goes. */
  nextUnscored: string | null;
}

/** Where the judge can go from an entry, in code order. */
export function neighbours(entries: JudgeProgressDto['entries'], entryId: string): Neighbours {
  const index = entries.findIndex((one) => one.entryId === entryId);
  const after = index < 0 ? entries : [...entries.slice(index + 1), ...entries.slice(0, index)];
  return {
    index,
    previous: index > 0 ? entries[index - 1]!.entryId : null,
    next: index >= 0 && index < entries.length - 1 ? entries[index + 1]!.entryId : null,
    nextUnscored: after.find((one) => !one.scored && one.entryId !== entryId)?.entryId ?? null,
  };
}
