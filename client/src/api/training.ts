import type {
  AttemptDto,
  MyTrainingDto,
  TrainingAssignBody,
  TrainingAssignmentDto,
  TrainingCoverageDto,
  TrainingLessonDto,
  TrainingLessonSummaryDto,
  TrainingProgramBody,
  TrainingProgramDto,
  TrainingTargetsBody,
} from '@tinhtao/shared';

import { http } from './http';

/** The staff program (officials, school leaders, teachers). Answers and hand-in go through `attemptsApi`. */
export const trainingApi = {
  lessons: () => http<TrainingLessonSummaryDto[]>('/training/lessons'),
  program: (year: string) => http<TrainingProgramDto>('/training/program', { query: { year } }),
  saveProgram: (body: TrainingProgramBody) => http<TrainingProgramDto>('/training/program', { method: 'PUT', body }),
  saveTargets: (body: TrainingTargetsBody) => http<TrainingProgramDto>('/training/targets', { method: 'PUT', body }),
  assign: (body: TrainingAssignBody) => http<TrainingAssignmentDto>('/training/assignments', { method: 'POST', body }),
  assignments: (year: string) => http<TrainingAssignmentDto[]>('/training/assignments', { query: { year } }),
  mine: () => http<MyTrainingDto[]>('/training/mine'),
  /** Start or resume one's attempt, with the lesson as the person doing it reads it (no answer key). */
  start: (assignmentId: string) =>
    http<{ attempt: AttemptDto; lesson: TrainingLessonDto }>(`/training/assignments/${assignmentId}/attempt`, { method: 'POST' }),
  coverage: (year: string) => http<TrainingCoverageDto>('/training/coverage', { query: { year } }),
};
