import type { Role } from '@tinhtao/shared';

/** The roles an actor may create accounts for (a school admin never creates department staff). */
export function manageableRoles(actor: Role): Role[] {
  switch (actor) {
    case 'dept_admin':
      return ['dept_admin', 'school_admin', 'teacher', 'student'];
    case 'school_admin':
      return ['school_admin', 'teacher', 'student'];
    default:
      return [];
  }
}
