import type { CreatedUserDto, CreateUserBody, PasswordResetDto, UpdateUserBody, UserDto, UserListQuery } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { usersApi } from '@/api/users';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

export type UserFilter = Omit<Partial<UserListQuery>, 'limit' | 'offset'>;

export const useUsersStore = defineStore('users', () => {
  const rows = ref<UserDto[]>([]);
  const count = ref(0);
  const busy = ref(false);
  const schoolTeachers = ref<UserDto[]>([]);

  const items = computed(() => rows.value);
  const total = computed(() => count.value);
  const loading = computed(() => busy.value);
  const teachers = computed(() => schoolTeachers.value);

  async function load(filter: UserFilter, page: number, pageSize: number): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => usersApi.list({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }));
      if (result) {
        rows.value = result.items;
        count.value = result.total;
      }
    } finally {
      busy.value = false;
    }
  }

  /** The teachers of a school, for assigning classes. */
  async function loadTeachers(schoolId: string): Promise<void> {
    const result = await loadQuietly(() => usersApi.list({ role: 'teacher', schoolId, limit: 500 }));
    if (result) schoolTeachers.value = result.items;
  }

  /** One user, e.g. the student whose history a teacher opens. */
  function fetch(id: string): Promise<UserDto | undefined> {
    return loadQuietly(() => usersApi.get(id));
  }

  /** A quick search for pickers; nothing is kept. */
  async function search(filter: UserFilter): Promise<UserDto[]> {
    return (await loadQuietly(() => usersApi.list({ ...filter, limit: 50 })))?.items ?? [];
  }

  async function create(body: CreateUserBody): Promise<CreatedUserDto> {
    const user = await withFeedback(
      () => usersApi.create(body),
      (created) => t('users.created', { name: created.fullName }),
    );
    rows.value = [user, ...rows.value];
    count.value += 1;
    return user;
  }

  async function update(id: string, body: UpdateUserBody): Promise<UserDto> {
    const user = await withFeedback(
      () => usersApi.update(id, body),
      () => t('common.saved'),
    );
    rows.value = rows.value.map((row) => (row.id === id ? user : row));
    return user;
  }

  async function deactivate(user: UserDto): Promise<void> {
    await withFeedback(
      () => usersApi.remove(user.id),
      () => t('users.deactivated', { name: user.fullName }),
    );
    rows.value = rows.value.map((row) => (row.id === user.id ? { ...row, active: false } : row));
  }

  async function resetPassword(user: UserDto): Promise<PasswordResetDto> {
    const reset = await withFeedback(
      () => usersApi.resetPassword(user.id),
      () => t('users.passwordReset', { name: user.fullName }),
    );
    rows.value = rows.value.map((row) => (row.id === user.id ? { ...row, mustChangePassword: true } : row));
    return reset;
  }

  /** Erases a student's personal data for good; the caller reloads the list (the row no longer says who it was). */
  async function erase(user: UserDto): Promise<void> {
    await withFeedback(
      () => usersApi.erase(user.id),
      () => t('privacy.erased', { name: user.fullName }),
    );
  }

  return { fetch, items, total, loading, teachers, load, loadTeachers, search, create, update, deactivate, resetPassword, erase };
});
