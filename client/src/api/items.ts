import type { ItemDraftInput, ItemDto, ItemListQuery, ItemTagsDto, Page } from '@tinhtao/shared';

import { http } from './http';

export type { ItemTagsDto };

/** The question bank (Department only). */
export const itemsApi = {
  list: (query: Partial<ItemListQuery> = {}) => http<Page<ItemDto>>('/items', { query }),
  tags: () => http<ItemTagsDto>('/items/tags'),
  get: (id: string) => http<ItemDto>(`/items/${id}`),
  create: (body: ItemDraftInput) => http<ItemDto>('/items', { method: 'POST', body }),
  update: (id: string, body: ItemDraftInput) => http<ItemDto>(`/items/${id}`, { method: 'PUT', body }),
  remove: (id: string) => http<void>(`/items/${id}`, { method: 'DELETE' }),
};
