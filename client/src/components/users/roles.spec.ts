import { describe, expect, it } from '@jest/globals';

import { manageableRoles } from './roles';

describe('manageableRoles', () => {
  it('lets the department create every role, a school admin all but department staff, nobody else any', () => {
    expect(manageableRoles('dept_admin')).toEqual(['dept_admin', 'school_admin', 'teacher', 'student']);
    expect(manageableRoles('school_admin')).toEqual(['school_admin', 'teacher', 'student']);
    expect(manageableRoles('teacher')).toEqual([]);
    expect(manageableRoles('student')).toEqual([]);
  });
});
