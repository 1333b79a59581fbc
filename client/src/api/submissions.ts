import type {
  AddJudgeBody,
  BlindEntryDto,
  ConfirmEntryBody,
  ConflictBody,
  EntryConsentBody,
  EntryListQuery,
  GalleryDto,
  JudgeProgressDto,
  JudgeProgressRowDto,
  JudgeScoreBody,
  Page,
  PeoplesChoiceDto,
  ReturnEntryBody,
  RoundDto,
  RoundJudgesBody,
  RoundResultsDto,
  RoundStage,
  RubricBody,
  RubricDto,
  SubmissionContestBody,
  SubmissionContestDto,
  SubmissionEntryBody,
  SubmissionEntryDto,
  VoteBody,
} from '@tinhtao/shared';

import { download, http } from './http';

const contest = (id: string) => `/submission-contests/${encodeURIComponent(id)}`;
const round = (id: string, stage: RoundStage) => `${contest(id)}/rounds/${stage}`;
const entry = (id: string) => `/submission-entries/${encodeURIComponent(id)}`;
const judging = (entryId: string) => `/judging/${encodeURIComponent(entryId)}`;

/** A list the server may page (`{items, total}`) or answer whole: the client reads both the same way. */
function itemsOf<T>(answer: Page<T> | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

/**
 * The submission contests (issue 19): posters, models and video clips, judged blind by juries.
 * Routes as in `shared/src/submissions/schemas.ts`; files go up through tus first (`uploads.ts`).
 */
export const submissionsApi = {
  list: () => http<SubmissionContestDto[]>('/submission-contests'),
  get: (id: string) => http<SubmissionContestDto>(contest(id)),
  create: (body: SubmissionContestBody) => http<SubmissionContestDto>('/submission-contests', { method: 'POST', body }),
  update: (id: string, body: SubmissionContestBody) => http<SubmissionContestDto>(contest(id), { method: 'PUT', body }),
  saveRubric: (id: string, body: RubricBody) => http<RubricDto>(`${contest(id)}/rubric`, { method: 'PUT', body }),

  // ── Juries (the organiser) ──
  saveJudges: (id: string, stage: RoundStage, body: RoundJudgesBody) => http<RoundDto>(`${round(id, stage)}/judges`, { method: 'PUT', body }),
  assignJudges: (id: string, stage: RoundStage) => http<JudgeProgressRowDto[]>(`${round(id, stage)}/assignments`, { method: 'POST' }),
  addJudge: (id: string, stage: RoundStage, entryId: string, body: AddJudgeBody = {}) =>
    http<JudgeProgressRowDto[]>(`${round(id, stage)}/entries/${encodeURIComponent(entryId)}/judges`, { method: 'POST', body }),
  results: (id: string, stage: RoundStage) => http<RoundResultsDto>(`${round(id, stage)}/results`, { query: { format: 'json' } }),
  resultsXlsx: (id: string, stage: RoundStage) => download(`${round(id, stage)}/results`, { query: { format: 'xlsx' } }),
  promote: (id: string, stage: RoundStage) => http<RoundResultsDto>(`${round(id, stage)}/promotion`, { method: 'POST' }),
  /** One school's certificates of the round, one PDF to print. */
  certificates: (id: string, stage: RoundStage, schoolId: string) => download(`${round(id, stage)}/certificates`, { query: { schoolId } }),

  // ── Entries ──
  /** The entries the caller may see: a student's own (and their team's), a teacher's classes', all for the organiser. */
  entries: async (id: string, query: Partial<EntryListQuery> = {}) =>
    itemsOf(await http<Page<SubmissionEntryDto> | SubmissionEntryDto[]>(`${contest(id)}/entries`, { query })),
  submit: (id: string, body: SubmissionEntryBody) => http<SubmissionEntryDto>(`${contest(id)}/entries`, { method: 'POST', body }),
  replace: (entryId: string, body: SubmissionEntryBody) => http<SubmissionEntryDto>(entry(entryId), { method: 'PUT', body }),
  confirm: (entryId: string, body: ConfirmEntryBody) => http<SubmissionEntryDto>(`${entry(entryId)}/confirm`, { method: 'POST', body }),
  sendBack: (entryId: string, body: ReturnEntryBody) => http<SubmissionEntryDto>(`${entry(entryId)}/return`, { method: 'POST', body }),
  setConsent: (entryId: string, body: EntryConsentBody) => http<SubmissionEntryDto>(`${entry(entryId)}/consent`, { method: 'PUT', body }),

  // ── Judging (a judge's own) ──
  myProgress: (id: string, stage: RoundStage) => http<JudgeProgressDto>(`${round(id, stage)}/judging`),
  blindEntry: (entryId: string, stage: RoundStage) => http<BlindEntryDto>(judging(entryId), { query: { stage } }),
  score: (entryId: string, body: JudgeScoreBody) => http<BlindEntryDto>(`${judging(entryId)}/score`, { method: 'PUT', body }),
  declareConflict: (entryId: string, body: ConflictBody) => http<JudgeProgressDto>(`${judging(entryId)}/conflict`, { method: 'POST', body }),

  // ── People's choice and gallery ──
  votes: (id: string) => http<PeoplesChoiceDto>(`${contest(id)}/votes`),
  vote: (id: string, body: VoteBody) => http<PeoplesChoiceDto>(`${contest(id)}/votes`, { method: 'POST', body }),
  gallery: (id: string, stage?: RoundStage) => http<GalleryDto>(`${contest(id)}/gallery`, { query: { stage } }),
};
