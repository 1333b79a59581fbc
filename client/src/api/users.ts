import type { CreatedUserDto, CreateUserBody, ErasedDto, Page, PasswordResetDto, UpdateUserBody, UserDto, UserListQuery } from '@tinhtao/shared';

import { download, http } from './http';

export const usersApi = {
  list: (query: Partial<UserListQuery> = {}) => http<Page<UserDto>>('/users', { query }),
  get: (id: string) => http<UserDto>(`/users/${id}`),
  create: (body: CreateUserBody) => http<CreatedUserDto>('/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody) => http<UserDto>(`/users/${id}`, { method: 'PATCH', body }),
  /** Deactivates: the account stays for the records but cannot sign in. */
  remove: (id: string) => http<void>(`/users/${id}`, { method: 'DELETE' }),
  resetPassword: (id: string) => http<PasswordResetDto>(`/users/${id}/reset-password`, { method: 'POST' }),
  /** Everything stored about the person, as a JSON file (the person, or those who manage the account). */
  exportData: (id: string) => download(`/users/${id}/export`),
  /** Erases a student's personal data for good; their scores stay, unnamed. */
  erase: (id: string) => http<ErasedDto>(`/users/${id}/erase`, { method: 'POST' }),
};
