import type { Role } from '@tinhtao/shared';
import { computed } from 'vue';

import { useAuthStore } from '@/stores/auth';

const SECTIONS: Partial<Record<Role, string>> = { dept_admin: 'dept', school_admin: 'school', teacher: 'teacher' };

/** The contest pages' route names in the caller's own section (`teacher-contests`, `dept-contest`, …). */
export function contestRouteNames(role: Role | null) {
  const section = (role && SECTIONS[role]) ?? 'teacher';
  return { list: `${section}-contests`, create: `${section}-contest-new`, detail: `${section}-contest` };
}

export function useContestRoutes() {
  const auth = useAuthStore();
  return computed(() => contestRouteNames(auth.role));
}
