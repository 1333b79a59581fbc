/**
 * The submission contests' error codes and audit actions, kept here until the feature's routes
 * exist: then they move into `platform/errors.ts` and `platform/audit.ts`, with the server's
 * HTTP statuses and the client's labels (which those lists' tests demand). Its validation
 * messages are already in `platform/validation.ts`.
 */

/** Failures the submission routes answer (for `ErrorCode`); `JuryError`'s codes are among them. */
export const SubmissionErrorCode = {
  SubmissionNotOpen: 'SUBMISSION_NOT_OPEN',
  SubmissionClosed: 'SUBMISSION_CLOSED',
  KindNotInContest: 'KIND_NOT_IN_CONTEST',
  ThemeNotInContest: 'THEME_NOT_IN_CONTEST',
  TeamTooLarge: 'TEAM_TOO_LARGE',
  TeamAcrossSchools: 'TEAM_ACROSS_SCHOOLS',
  FileNotAccepted: 'FILE_NOT_ACCEPTED',
  EntryNotConfirmed: 'ENTRY_NOT_CONFIRMED',
  RubricMissing: 'RUBRIC_MISSING',
  RubricLocked: 'RUBRIC_LOCKED',
  JudgingNotOpen: 'JUDGING_NOT_OPEN',
  JudgingClosed: 'JUDGING_CLOSED',
  NotAssigned: 'NOT_ASSIGNED',
  TooFewJudges: 'TOO_FEW_JUDGES',
  NoReplacementJudge: 'NO_REPLACEMENT_JUDGE',
  VotingNotOpen: 'VOTING_NOT_OPEN',
  VotingClosed: 'VOTING_CLOSED',
  AlreadyVoted: 'ALREADY_VOTED',
  VotesHidden: 'VOTES_HIDDEN',
} as const;
export type SubmissionErrorCode = (typeof SubmissionErrorCode)[keyof typeof SubmissionErrorCode];

/** Audit actions (for `AUDIT_GROUPS`): every act of an organiser, a teacher confirming, a judge, a voter. */
export const SUBMISSION_AUDIT_GROUPS = {
  submission_contest: [
    'created',
    'updated',
    'rubric_saved',
    'judges_saved',
    'judges_assigned',
    'judge_added',
    'promoted',
    'results_published',
    'results_exported',
  ],
  submission_entry: ['submitted', 'replaced', 'confirmed', 'returned', 'consent_changed', 'withdrawn'],
  /** Everything a judge does, the opening of an entry included. */
  judging: ['entry_opened', 'scored', 'conflict_declared', 'judge_replaced'],
  submission_vote: ['cast', 'exported'],
} as const satisfies Record<string, readonly string[]>;

/** Audit entities (for `AUDIT_ENTITIES`). */
export const SUBMISSION_AUDIT_ENTITIES = ['submission_contest', 'submission_entry', 'submission_score', 'submission_vote'] as const;
