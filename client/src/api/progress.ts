import type { ProgressDto, StudentAssignmentDto } from '@tinhtao/shared';

import { download, http } from './http';

export const progressApi = {
  /** Students × assigned lessons of a class, with the average and who needs a nudge. */
  ofClass: (classId: string) => http<ProgressDto>(`/classes/${classId}/progress`),
  /** The same matrix as a coloured spreadsheet. */
  spreadsheet: (classId: string) => download(`/classes/${classId}/progress`, { query: { format: 'xlsx' } }),
  /** One student's assignments and results. */
  studentHistory: (studentId: string) => http<StudentAssignmentDto[]>(`/users/${studentId}/assignments`),
};
