import type { Role } from '@tinhtao/shared';
import type { RouteLocationRaw } from 'vue-router';

/** Where each role lands after signing in, and where a wrong-role URL sends them. */
const HOME_ROUTE: Record<Role, string> = {
  dept_admin: 'dept-home',
  school_admin: 'school-home',
  teacher: 'teacher-home',
  student: 'student-home',
};

export function roleHome(role: Role | null): RouteLocationRaw {
  return role ? { name: HOME_ROUTE[role] } : { name: 'login' };
}

/** Only a path inside the app may be a post-login target (no `//host` or absolute URLs). */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
