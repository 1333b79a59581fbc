import type { ChangePasswordBody, LoginBody, LoginResponse, Me } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { authApi } from '@/api/auth';
import { session } from '@/api/session';
import { t } from '@/i18n';

import { withFeedback } from './feedback';

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);

  const user = computed(() => me.value);
  const isLoggedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.role ?? null);

  function accept(response: LoginResponse): void {
    session.save(response);
    me.value = { ...response.user };
  }

  /** At start-up: a stored session is trusted only once the server confirms who it is. */
  async function restore(): Promise<void> {
    if (!session.read()) return;
    try {
      me.value = await authApi.me();
    } catch {
      // An expired session was cleared by the http wrapper; a network failure leaves us signed out for now.
      me.value = null;
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
    forget();
  }

  /** Drops the session without a call, when the server has already ended it. */
  function forget(): void {
    session.clear();
    me.value = null;
  }

  function refreshed(response: LoginResponse): void {
    if (me.value) me.value = { ...me.value, ...response.user };
  }

  async function changePassword(body: ChangePasswordBody): Promise<void> {
    await withFeedback(
      () => authApi.changePassword(body),
      () => t('auth.password.changed'),
    );
    if (me.value) me.value = { ...me.value, mustChangePassword: false };
  }

  return { user, isLoggedIn, role, restore, login, logout, forget, refreshed, changePassword };
});
