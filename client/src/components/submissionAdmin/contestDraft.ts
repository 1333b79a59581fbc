import {
  type CurriculumLevel,
  DEFAULT_KIND_RULES,
  type EntryMode,
  MEDIA_TYPES_BY_KIND,
  type RoundBody,
  type RoundStage,
  type SubmissionContestBody,
  type SubmissionContestDto,
  type SubmissionKind,
  type SubmissionMediaType,
} from '@tinhtao/shared';

const MiB = 1024 * 1024;
const DAY = 24 * 60 * 60 * 1000;

export const KINDS: readonly SubmissionKind[] = ['poster', 'model', 'video'];
export const STAGES: readonly RoundStage[] = ['school', 'area', 'province'];

/** A window as the date pickers hold it: two instants in epoch milliseconds. */
export type Window = [number, number];

export interface KindDraft {
  kind: SubmissionKind;
  enabled: boolean;
  mediaTypes: SubmissionMediaType[];
  /** Per file, in MB (binary, as the limits are shown to students). */
  maxMegabytes: number;
  maxFiles: number;
}

export interface RoundDraft {
  stage: RoundStage;
  /** Submissions (the first round) or promotion (a later round). */
  intake: Window | null;
  judging: Window | null;
  advancePer: 'school' | 'area';
  advanceTop: number;
  judgesPerEntry: number;
}

/** The organiser's form: what `SubmissionContestBody` needs, in the shape the form's fields hold. */
export interface ContestDraft {
  title: string;
  levels: CurriculumLevel[];
  themes: string[];
  rules: string;
  entryMode: EntryMode;
  maxTeamSize: number;
  kinds: KindDraft[];
  /** The optional area round between school and province. */
  withArea: boolean;
  rounds: Record<RoundStage, RoundDraft>;
  peoplesChoice: { enabled: boolean; stage: RoundStage; window: Window | null };
}

const at = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);
const windowOf = (opens: string | null | undefined, closes: string | null | undefined): Window | null => {
  const from = at(opens);
  const to = at(closes);
  return from !== null && to !== null ? [from, to] : null;
};
const iso = (ms: number): string => new Date(ms).toISOString();

function kindDraft(kind: SubmissionKind, enabled: boolean): KindDraft {
  const rule = DEFAULT_KIND_RULES[kind];
  return { kind, enabled, mediaTypes: [...rule.mediaTypes], maxMegabytes: rule.maxBytes / MiB, maxFiles: rule.maxFiles };
}

/** A new contest, its windows laid out from the next midnight (local): two weeks of entries, then judging, then the next round. */
export function newContestDraft(now: number): ContestDraft {
  const start = new Date(now);
  const day0 = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime();
  const span = (from: number, days: number): Window => [day0 + from * DAY, day0 + (from + days) * DAY];
  const round = (stage: RoundStage, intake: Window, judging: Window): RoundDraft => ({
    stage,
    intake,
    judging,
    advancePer: stage === 'area' ? 'area' : 'school',
    advanceTop: 3,
    judgesPerEntry: 3,
  });
  return {
    title: '',
    levels: ['THCS', 'THPT'],
    themes: [],
    rules: '',
    entryMode: 'individual',
    maxTeamSize: 3,
    kinds: KINDS.map((kind) => kindDraft(kind, kind === 'poster')),
    withArea: false,
    rounds: {
      school: round('school', span(0, 14), span(14, 7)),
      area: round('area', span(21, 3), span(24, 7)),
      province: round('province', span(31, 3), span(34, 10)),
    },
    peoplesChoice: { enabled: false, stage: 'province', window: span(34, 10) },
  };
}

/** The form filled from a saved contest, to edit it. */
export function draftFromContest(contest: SubmissionContestDto, now: number): ContestDraft {
  const draft = newContestDraft(now);
  for (const round of contest.rounds) {
    draft.rounds[round.stage] = {
      stage: round.stage,
      intake: windowOf(round.submissionOpensAt ?? round.promotionOpensAt, round.submissionClosesAt ?? round.promotionClosesAt),
      judging: windowOf(round.judgingOpensAt, round.judgingClosesAt),
      advancePer: round.advance?.per ?? 'school',
      advanceTop: round.advance?.top ?? 3,
      judgesPerEntry: round.judgesPerEntry,
    };
  }
  return {
    ...draft,
    title: contest.title,
    levels: [...contest.levels],
    themes: [...contest.themes],
    rules: contest.rules,
    entryMode: contest.entryMode,
    maxTeamSize: contest.maxTeamSize ?? draft.maxTeamSize,
    kinds: KINDS.map((kind) => {
      const rule = contest.kinds.find((one) => one.kind === kind);
      return rule
        ? { kind, enabled: true, mediaTypes: [...rule.mediaTypes], maxMegabytes: Math.round((rule.maxBytes / MiB) * 100) / 100, maxFiles: rule.maxFiles }
        : kindDraft(kind, false);
    }),
    withArea: contest.rounds.some((round) => round.stage === 'area'),
    peoplesChoice: contest.peoplesChoice
      ? { enabled: true, stage: contest.peoplesChoice.stage, window: windowOf(contest.peoplesChoice.opensAt, contest.peoplesChoice.closesAt) }
      : draft.peoplesChoice,
  };
}

/** The stages the draft's contest has, in order. */
export const draftStages = (draft: Pick<ContestDraft, 'withArea'>): RoundStage[] => (draft.withArea ? ['school', 'area', 'province'] : ['school', 'province']);

function roundBody(round: RoundDraft, first: boolean, last: boolean): RoundBody {
  const [opens, closes] = round.intake ?? [null, null];
  const intake = first
    ? { submissionOpensAt: opens === null ? undefined : iso(opens), submissionClosesAt: closes === null ? undefined : iso(closes) }
    : { promotionOpensAt: opens === null ? undefined : iso(opens), promotionClosesAt: closes === null ? undefined : iso(closes) };
  return {
    stage: round.stage,
    ...intake,
    // A missing judging window is sent empty: the shared schema names the field.
    judgingOpensAt: round.judging ? iso(round.judging[0]) : '',
    judgingClosesAt: round.judging ? iso(round.judging[1]) : '',
    ...(last ? {} : { advance: { per: round.advancePer, top: round.advanceTop } }),
    judgesPerEntry: round.judgesPerEntry,
  };
}

/** The body of `POST /api/submission-contests` or `PUT …/:id`, for the shared schema to check before it goes. */
export function contestBody(draft: ContestDraft): SubmissionContestBody {
  const stages = draftStages(draft);
  const vote = draft.peoplesChoice;
  return {
    title: draft.title.trim(),
    kinds: draft.kinds
      .filter((kind) => kind.enabled)
      .map((kind) => ({ kind: kind.kind, mediaTypes: [...kind.mediaTypes], maxBytes: Math.round(kind.maxMegabytes * MiB), maxFiles: kind.maxFiles })),
    levels: [...draft.levels],
    themes: draft.themes.map((theme) => theme.trim()).filter(Boolean),
    rules: draft.rules.trim(),
    entryMode: draft.entryMode,
    ...(draft.entryMode === 'team' ? { maxTeamSize: draft.maxTeamSize } : {}),
    rounds: stages.map((stage, i) => roundBody(draft.rounds[stage], i === 0, i === stages.length - 1)),
    ...(vote.enabled && vote.window ? { peoplesChoice: { stage: vote.stage, opensAt: iso(vote.window[0]), closesAt: iso(vote.window[1]) } } : {}),
  };
}

/** The file types a kind may take, for its checkboxes. */
export const mediaTypesFor = (kind: SubmissionKind): readonly SubmissionMediaType[] => MEDIA_TYPES_BY_KIND[kind];
