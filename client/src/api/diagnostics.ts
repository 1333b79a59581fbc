import type { DiagnosticDetailDto, DiagnosticDto, DiagnosticResultsDto, DiagnosticResultsQuery, MyDiagnosticDto, OpenRoundBody } from '@tinhtao/shared';
import { http } from './http';

export const diagnosticsApi = {
  list: () => http<DiagnosticDto[]>('/diagnostics'),
  get: (id: string) => http<DiagnosticDetailDto>(`/diagnostics/${id}`),
  /** Opens the pre- or post-test for classes (or, for a dept admin without classIds, the whole province). */
  openRound: (id: string, body: OpenRoundBody) => http<{ classes: number; schools: number }>(`/diagnostics/${id}/rounds`, { method: 'POST', body }),
  results: (id: string, query: DiagnosticResultsQuery = {}) => http<DiagnosticResultsDto>(`/diagnostics/${id}/results`, { query }),
  mine: () => http<MyDiagnosticDto[]>('/diagnostics/mine'),
};
