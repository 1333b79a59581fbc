import type { AuditPageDto, AuditQuery } from '@tinhtao/shared';

import { http } from './http';

/** A filter left empty is null (a cleared select) or absent; either is left out of the URL. */
export type AuditListQuery = { [K in keyof AuditQuery]?: AuditQuery[K] | null };

export const auditApi = {
  /** The province's audit log (dept admin), newest first; `action` may be a prefix ("user." for every account event). */
  list: (query: AuditListQuery = {}) => http<AuditPageDto>('/audit', { query }),
};
