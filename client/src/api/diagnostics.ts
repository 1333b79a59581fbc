import type {
  CreateDiagnosticBody,
  DiagnosticDetailDto,
  DiagnosticDto,
  DiagnosticResultsDto,
  DiagnosticResultsQuery,
  MyDiagnosticDto,
  OpenRoundBody,
  RoundOpenedDto,
} from '@tinhtao/shared';

import { http } from './http';

export const diagnosticsApi = {
  list: () => http<DiagnosticDto[]>('/diagnostics'),
  /** The Department builds one: two parallel forms of tagged bank items. */
  create: (body: CreateDiagnosticBody) => http<DiagnosticDetailDto>('/diagnostics', { method: 'POST', body }),
  get: (id: string) => http<DiagnosticDetailDto>(`/diagnostics/${id}`),
  /** Opens the pre- or post-test for classes (or, for a dept admin without classIds, the whole province). */
  openRound: (id: string, body: OpenRoundBody) => http<RoundOpenedDto>(`/diagnostics/${id}/rounds`, { method: 'POST', body }),
  results: (id: string, query: DiagnosticResultsQuery = {}) => http<DiagnosticResultsDto>(`/diagnostics/${id}/results`, { query }),
  mine: () => http<MyDiagnosticDto[]>('/diagnostics/mine'),
};
