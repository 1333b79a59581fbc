import type { ChangePasswordBody, LoginBody, LoginResponse, Me } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/ApiError';
import { authApi } from '@/api/auth';
import { session } from '@/api/session';
import { t } from '@/i18n';

import { withFeedback } from './feedback';

/** IndexedDB is loaded with the student pages, not with the login page. */
const offlineData = () =>
  import('@/offline/store').then((module) => module.offlineStore).catch(() => ({ forgetUser: async () => {}, forgetAllBut: async () => {} }));

/** Who was signed in when the server last answered: a reload with no network keeps them. Gone at sign-out. */
const LAST_USER = 'tt.me';
const lastUser = {
  read(): Me | null {
    try {
      const parsed = JSON.parse(localStorage.getItem(LAST_USER) ?? 'null') as Me | null;
      return parsed && typeof parsed.id === 'string' && typeof parsed.role === 'string' ? parsed : null;
    } catch {
      return null;
    }
  },
  save(user: Me): void {
    localStorage.setItem(LAST_USER, JSON.stringify(user));
  },
  clear(): void {
    localStorage.removeItem(LAST_USER);
  },
};

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);

  const user = computed(() => me.value);
  const isLoggedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.role ?? null);

  function accept(response: LoginResponse): void {
    session.save(response);
    me.value = { ...response.user };
    // A shared phone: what an earlier student left for offline use is not for this one.
    void offlineData().then((store) => store.forgetAllBut(response.user.id));
    lastUser.save(me.value);
  }

  /**
   * At start-up: a stored session is trusted once the server confirms who it is. With no network
   * at all (not a refusal), the student last confirmed here goes on offline, with the lessons the phone kept.
   */
  async function restore(): Promise<void> {
    if (!session.read()) return;
    try {
      me.value = await authApi.me();
      lastUser.save(me.value);
    } catch (error) {
      // An expired session was cleared by the http wrapper; with no session left nobody is signed in.
      me.value = isApiError(error) && error.status === 0 && session.read() ? lastUser.read() : null;
    }
  }

  /** Errors are left to the login form, which shows them inline. */
  async function login(body: LoginBody): Promise<Me> {
    accept(await authApi.login(body));
    return me.value as Me;
  }

  async function logout(): Promise<void> {
    const refreshToken = session.refreshToken();
    try {
      if (refreshToken) await authApi.logout(refreshToken);
    } catch {
      // Signing out locally matters more than telling the server; its token expires anyway.
    }
    const userId = me.value?.id;
    // Shared phones: the lessons and unsent answers kept for offline use go with the student.
    if (userId)
      await offlineData().then(
        (store) => store.forgetUser(userId),
        () => undefined,
      );
    forget();
  }

  /** Drops the session without a call, when the server has already ended it. */
  function forget(): void {
    session.clear();
    lastUser.clear();
    me.value = null;
  }

  function refreshed(response: LoginResponse): void {
    if (me.value) me.value = { ...me.value, ...response.user };
    if (me.value) lastUser.save(me.value);
  }

  async function changePassword(body: ChangePasswordBody): Promise<void> {
    await withFeedback(
      () => authApi.changePassword(body),
      () => t('auth.password.changed'),
    );
    if (me.value) me.value = { ...me.value, mustChangePassword: false };
    if (me.value) lastUser.save(me.value);
  }

  return { user, isLoggedIn, role, restore, login, logout, forget, refreshed, changePassword };
});
