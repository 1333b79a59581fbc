import type { AreaDto, CreateAreaBody, UpdateAreaBody } from '@tinhtao/shared';

import { http } from './http';

export const areasApi = {
  list: () => http<AreaDto[]>('/areas'),
  create: (body: CreateAreaBody) => http<AreaDto>('/areas', { method: 'POST', body }),
  update: (id: string, body: UpdateAreaBody) => http<AreaDto>(`/areas/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => http<void>(`/areas/${id}`, { method: 'DELETE' }),
};
