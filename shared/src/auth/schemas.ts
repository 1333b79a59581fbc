import { z } from 'zod';

import { IdSchema, line, RoleSchema, text } from '../common.js';

export const LoginBody = z.object({
  username: line().trim().toLowerCase().min(1).max(64),
  password: text().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z.object({ refreshToken: line().min(20).max(200) });
export type RefreshBody = z.infer<typeof RefreshBody>;

export const LogoutBody = RefreshBody;
export type LogoutBody = RefreshBody;

/** Strong enough for a school account: 8+ characters with a letter and a digit. */
export const NewPasswordSchema = z
  .string()
  .min(8, { error: 'password.min' })
  .max(128)
  .regex(/[A-Za-zÀ-ỹ]/, { error: 'password.letter' })
  .regex(/\d/, { error: 'password.digit' });

export const ChangePasswordBody = z.object({
  currentPassword: text().min(1).max(256),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const MeSchema = z.object({
  id: IdSchema,
  username: z.string(),
  role: RoleSchema,
  fullName: z.string(),
  provinceId: IdSchema,
  schoolId: IdSchema.nullable(),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: Pick<Me, 'id' | 'role' | 'fullName' | 'provinceId' | 'schoolId'> & { username: string; mustChangePassword: boolean };
}
