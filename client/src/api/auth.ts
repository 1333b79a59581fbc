import type { ChangePasswordBody, LoginBody, LoginResponse, Me } from '@tinhtao/shared';

import { http } from './http';

export const authApi = {
  login: (body: LoginBody) => http<LoginResponse>('/auth/login', { method: 'POST', body, anonymous: true }),
  logout: (refreshToken: string) => http<void>('/auth/logout', { method: 'POST', body: { refreshToken } }),
  me: () => http<Me>('/me'),
  changePassword: (body: ChangePasswordBody) => http<void>('/me/password', { method: 'POST', body }),
};
