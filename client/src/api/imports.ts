import type { ImportAction, ImportPreviewDto, ImportQuery, ImportRowsPage, ImportStatusDto } from '@tinhtao/shared';

import { http } from './http';

export type { ImportRowsPage };

/** Bulk import (DESIGN §4): upload for a preview, page through its rows, confirm, follow the run. */
export const importsApi = {
  /** Reads the file and answers what it would do; nothing is written yet. */
  preview: (query: ImportQuery, file: File, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http<ImportPreviewDto>('/imports', { method: 'POST', query: { ...query }, body: form, signal });
  },
  rows: (id: string, query: { action?: ImportAction; offset: number; limit: number }, signal?: AbortSignal) =>
    http<ImportRowsPage>(`/imports/${id}/rows`, { query, signal }),
  confirm: (id: string) => http<ImportStatusDto>(`/imports/${id}/confirm`, { method: 'POST' }),
  status: (id: string, signal?: AbortSignal) => http<ImportStatusDto>(`/imports/${id}`, { signal }),
};
