import type { Role } from '@tinhtao/shared';

import type { IconName } from '@/components/common/icons';

export interface NavItem {
  /** Route name. */
  name: string;
  labelKey: string;
  icon: IconName;
}

export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  dept_admin: [
    { name: 'dept-home', labelKey: 'nav.home', icon: 'home' },
    { name: 'dept-coverage', labelKey: 'nav.coverage', icon: 'gauge' },
    { name: 'dept-diagnostics', labelKey: 'nav.diagnostics', icon: 'target' },
    { name: 'dept-schools', labelKey: 'nav.schools', icon: 'school' },
    { name: 'dept-areas', labelKey: 'nav.areas', icon: 'area' },
    { name: 'dept-users', labelKey: 'nav.users', icon: 'users' },
    { name: 'dept-import', labelKey: 'nav.import', icon: 'upload' },
    { name: 'dept-year', labelKey: 'nav.year', icon: 'target' },
    { name: 'dept-rollover', labelKey: 'nav.rollover', icon: 'rollover' },
    { name: 'dept-library', labelKey: 'nav.library', icon: 'lessons' },
    { name: 'dept-curricula', labelKey: 'nav.curricula', icon: 'curriculum' },
    { name: 'dept-contests', labelKey: 'nav.contests', icon: 'trophy' },
    { name: 'dept-submissions', labelKey: 'nav.subsContests', icon: 'flag' },
    { name: 'dept-judging', labelKey: 'nav.judging', icon: 'edit' },
    { name: 'dept-audit', labelKey: 'nav.audit', icon: 'audit' },
    { name: 'dept-helper-trends', labelKey: 'helper.trends.title', icon: 'chart' },
    { name: 'dept-helper', labelKey: 'helper.title', icon: 'comment' },
    { name: 'dept-training', labelKey: 'nav.training', icon: 'book' },
  ],
  school_admin: [
    { name: 'school-home', labelKey: 'nav.home', icon: 'home' },
    { name: 'school-coverage', labelKey: 'nav.coverage', icon: 'gauge' },
    { name: 'school-diagnostics', labelKey: 'nav.diagnostics', icon: 'target' },
    { name: 'school-classes', labelKey: 'nav.classes', icon: 'book' },
    { name: 'school-people', labelKey: 'nav.people', icon: 'users' },
    { name: 'school-import', labelKey: 'nav.import', icon: 'upload' },
    { name: 'school-rollover', labelKey: 'nav.rollover', icon: 'rollover' },
    { name: 'school-assign', labelKey: 'nav.assign', icon: 'send' },
    { name: 'school-progress', labelKey: 'nav.progress', icon: 'chart' },
    { name: 'school-reviews', labelKey: 'nav.reviews', icon: 'check' },
    { name: 'school-curricula', labelKey: 'nav.curricula', icon: 'curriculum' },
    { name: 'school-contests', labelKey: 'nav.contests', icon: 'trophy' },
    { name: 'school-helper', labelKey: 'helper.title', icon: 'comment' },
    { name: 'school-training', labelKey: 'nav.training', icon: 'book' },
  ],
  teacher: [
    { name: 'teacher-home', labelKey: 'nav.myClasses', icon: 'book' },
    { name: 'teacher-assign', labelKey: 'nav.assign', icon: 'send' },
    { name: 'teacher-progress', labelKey: 'nav.progress', icon: 'chart' },
    { name: 'teacher-reviews', labelKey: 'nav.reviews', icon: 'check' },
    { name: 'teacher-curricula', labelKey: 'nav.curricula', icon: 'curriculum' },
    { name: 'teacher-contests', labelKey: 'nav.contests', icon: 'trophy' },
    { name: 'teacher-submissions', labelKey: 'nav.subsEntries', icon: 'flag' },
    { name: 'teacher-judging', labelKey: 'nav.judging', icon: 'edit' },
    { name: 'teacher-diagnostics', labelKey: 'nav.diagnostics', icon: 'target' },
    { name: 'teacher-helper-inbox', labelKey: 'helper.inbox.title', icon: 'bell' },
    { name: 'teacher-helper', labelKey: 'helper.title', icon: 'comment' },
    { name: 'teacher-training', labelKey: 'nav.training', icon: 'book' },
  ],
  student: [
    { name: 'student-home', labelKey: 'nav.studentHome', icon: 'home' },
    { name: 'student-submissions', labelKey: 'nav.submissions', icon: 'trophy' },
    { name: 'student-helper', labelKey: 'helper.title', icon: 'comment' },
  ],
};
