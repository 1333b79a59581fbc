import type { RouteRecordRaw } from 'vue-router';

import { useAuthStore } from '@/stores/auth';

import { roleHome } from './homes';

const AppLayout = () => import('@/components/layout/AppLayout.vue');
const ProgramsView = () => import('@/views/staff/ProgramsView.vue');
const LessonPreviewView = () => import('@/views/staff/LessonPreviewView.vue');

/** The published curricula and the lesson preview, the same for school admins and teachers. */
function programRoutes(role: 'school' | 'teacher'): RouteRecordRaw[] {
  return [
    { path: 'curricula', name: `${role}-curricula`, component: ProgramsView, meta: { titleKey: 'nav.curricula' } },
    {
      path: 'lessons/:id',
      name: `${role}-lesson`,
      component: LessonPreviewView,
      props: true,
      meta: { titleKey: 'preview.title', nav: `${role}-curricula` },
    },
  ];
}

const AssignView = () => import('@/views/staff/AssignView.vue');
const ProgressView = () => import('@/views/staff/ProgressView.vue');
const StudentHistoryView = () => import('@/views/staff/StudentHistoryView.vue');
const ReviewsView = () => import('@/views/staff/ReviewsView.vue');

/** Giving lessons, following progress and grading short answers: the same pages for school admins and teachers. */
function teachingRoutes(role: 'school' | 'teacher'): RouteRecordRaw[] {
  return [
    { path: 'assign', name: `${role}-assign`, component: AssignView, meta: { titleKey: 'nav.assign' } },
    { path: 'progress/:classId?', name: `${role}-progress`, component: ProgressView, props: true, meta: { titleKey: 'nav.progress' } },
    {
      path: 'students/:id',
      name: `${role}-student`,
      component: StudentHistoryView,
      props: true,
      meta: { titleKey: 'history.title', nav: `${role}-progress` },
    },
    { path: 'reviews', name: `${role}-reviews`, component: ReviewsView, meta: { titleKey: 'nav.reviews' } },
  ];
}

const SchoolCoverageView = () => import('@/views/staff/SchoolCoverageView.vue');

const HelperView = () => import('@/views/HelperView.vue');

/** "Hỏi Tỉnh Táo": the same page in every role's section, with its own menu entry. */
/** The staff program: the page, and one's own staff lesson in the player. */
function trainingRoutes(section: 'dept' | 'school' | 'teacher'): RouteRecordRaw[] {
  return [
    { path: 'boi-duong', name: `${section}-training`, component: () => import('@/views/training/TrainingView.vue'), meta: { titleKey: 'training.title' } },
    {
      path: 'boi-duong/:id',
      name: `${section}-training-lesson`,
      component: () => import('@/views/training/TrainingPlayerView.vue'),
      props: true,
      meta: { titleKey: 'training.title', nav: `${section}-training` },
    },
  ];
}

function helperRoute(section: 'dept' | 'school' | 'teacher' | 'student'): RouteRecordRaw {
  return { path: 'hoi', name: `${section}-helper`, component: HelperView, meta: { titleKey: 'helper.title' } };
}

const ContestsView = () => import('@/views/staff/ContestsView.vue');
const ContestNewView = () => import('@/views/staff/ContestNewView.vue');
const ContestDetailView = () => import('@/views/staff/ContestDetailView.vue');

/** "Cuộc thi": the same pages for dept admins, school admins and teachers, each in their own section. */
function contestRoutes(section: 'dept' | 'school' | 'teacher'): RouteRecordRaw[] {
  return [
    { path: 'contests', name: `${section}-contests`, component: ContestsView, meta: { titleKey: 'nav.contests' } },
    {
      path: 'contests/new',
      name: `${section}-contest-new`,
      component: ContestNewView,
      meta: { titleKey: 'contest.newTitle', nav: `${section}-contests` },
    },
    {
      path: 'contests/:id',
      name: `${section}-contest`,
      component: ContestDetailView,
      props: true,
      meta: { titleKey: 'contest.detailTitle', nav: `${section}-contests` },
    },
  ];
}

const DiagnosticsView = () => import('@/views/staff/DiagnosticsView.vue');
const DiagnosticResultsView = () => import('@/views/staff/DiagnosticResultsView.vue');

/** "Khảo sát trước – sau": the same pages for dept admins, school admins and teachers; the results page drills by query. */
function diagnosticRoutes(section: 'dept' | 'school' | 'teacher'): RouteRecordRaw[] {
  return [
    { path: 'diagnostics', name: `${section}-diagnostics`, component: DiagnosticsView, meta: { titleKey: 'nav.diagnostics' } },
    {
      path: 'diagnostics/:id',
      name: `${section}-diagnostic`,
      component: DiagnosticResultsView,
      props: true,
      meta: { titleKey: 'nav.diagnostics', nav: `${section}-diagnostics` },
    },
  ];
}

/** The submission contests' pages bring their own words (`subs.*`), fetched before the page shows and never with the other pages. */
function withSubmissionWords(routes: RouteRecordRaw[]): RouteRecordRaw[] {
  // A page whose words could not arrive (offline) still opens: it shows what it can.
  const words = () =>
    import('@/i18n/subsMessages').then(
      (module) => module.loadSubmissionMessages().then(() => true),
      () => true,
    );
  return routes.map((route) => ({ ...route, beforeEnter: words }) as RouteRecordRaw);
}

/** Judging the submission contests: the rounds a judge sits on, and one blind entry with the rubric. Teachers and Department staff judge. */
function judgingRoutes(section: 'dept' | 'teacher'): RouteRecordRaw[] {
  return withSubmissionWords([
    { path: 'judging', name: `${section}-judging`, component: () => import('@/views/staff/JudgingView.vue'), meta: { titleKey: 'jury.title' } },
    {
      path: 'judging/:contestId/:stage/:entryId',
      name: `${section}-judge-entry`,
      component: () => import('@/views/staff/JudgeEntryView.vue'),
      props: true,
      meta: { titleKey: 'jury.entryTitle', nav: `${section}-judging` },
    },
  ]);
}

/** The organiser's submission contests: the list, create and edit, one contest with its juries, a round's results. */
function organiserSubmissionRoutes(): RouteRecordRaw[] {
  const edit = () => import('@/views/dept/SubmissionContestEditView.vue');
  return withSubmissionWords([
    {
      path: 'submissions',
      name: 'dept-submissions',
      component: () => import('@/views/dept/SubmissionContestsView.vue'),
      meta: { titleKey: 'subsAdmin.title' },
    },
    { path: 'submissions/new', name: 'dept-submission-new', component: edit, meta: { titleKey: 'subsAdmin.newTitle', nav: 'dept-submissions' } },
    {
      path: 'submissions/:id',
      name: 'dept-submission',
      component: () => import('@/views/dept/SubmissionContestAdminView.vue'),
      props: true,
      meta: { titleKey: 'subsAdmin.title', nav: 'dept-submissions' },
    },
    {
      path: 'submissions/:id/edit',
      name: 'dept-submission-edit',
      component: edit,
      props: true,
      meta: { titleKey: 'subsAdmin.editTitle', nav: 'dept-submissions' },
    },
    {
      path: 'submissions/:id/rounds/:stage/results',
      name: 'dept-submission-results',
      component: () => import('@/views/dept/SubmissionResultsView.vue'),
      props: true,
      meta: { titleKey: 'subsAdmin.results.pageTitle', nav: 'dept-submissions' },
    },
  ]);
}

/** A teacher's side of the submission contests: confirm the entries of their classes, make a team's entry. */
function teacherSubmissionRoutes(): RouteRecordRaw[] {
  return withSubmissionWords([
    {
      path: 'submissions',
      name: 'teacher-submissions',
      component: () => import('@/views/teacher/SubmissionEntriesView.vue'),
      meta: { titleKey: 'subsTeacher.title' },
    },
    {
      // A new team entry, or (with its id) the team's entry to replace.
      path: 'submissions/:id/team/:entryId?',
      name: 'teacher-team-entry',
      component: () => import('@/views/teacher/TeamEntryView.vue'),
      props: true,
      meta: { titleKey: 'subsTeacher.team.title', nav: 'teacher-submissions' },
    },
  ]);
}

/** "Thi sáng tạo" on the phone: the contests, one contest with my entries, the entry form (tus uploads), the people's choice. */
function studentSubmissionRoutes(): RouteRecordRaw[] {
  return withSubmissionWords([
    {
      path: 'submissions',
      name: 'student-submissions',
      component: () => import('@/views/student/SubmissionContestsView.vue'),
      meta: { titleKey: 'nav.submissions' },
    },
    {
      path: 'submissions/:id',
      name: 'student-submission',
      component: () => import('@/views/student/SubmissionContestView.vue'),
      props: true,
      meta: { titleKey: 'nav.submissions', nav: 'student-submissions' },
    },
    {
      // A new entry, or (with its id) the student's entry to replace.
      path: 'submissions/:id/entry/:entryId?',
      name: 'student-submission-entry',
      component: () => import('@/views/student/SubmissionEntryView.vue'),
      props: true,
      meta: { titleKey: 'nav.submissions', nav: 'student-submissions' },
    },
    {
      path: 'submissions/:id/vote',
      name: 'student-submission-vote',
      component: () => import('@/views/student/SubmissionVoteView.vue'),
      props: true,
      meta: { titleKey: 'nav.submissions', nav: 'student-submissions' },
    },
  ]);
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, light: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/password',
    name: 'password',
    component: () => import('@/views/PasswordView.vue'),
    meta: { titleKey: 'auth.password.title' },
  },
  { path: '/', name: 'root', redirect: () => roleHome(useAuthStore().role) },
  {
    path: '/dept',
    component: AppLayout,
    meta: { roles: ['dept_admin'] },
    children: [
      { path: '', name: 'dept-home', component: () => import('@/views/dept/DeptHomeView.vue'), meta: { titleKey: 'nav.home' } },
      { path: 'coverage', name: 'dept-coverage', component: () => import('@/views/dept/CoverageView.vue'), meta: { titleKey: 'nav.coverage' } },
      {
        path: 'coverage/schools/:id',
        name: 'dept-school-coverage',
        component: SchoolCoverageView,
        props: true,
        meta: { titleKey: 'coverage.school.title', nav: 'dept-coverage' },
      },
      {
        path: 'coverage/classes/:classId',
        name: 'dept-class-progress',
        component: () => import('@/views/dept/ClassProgressView.vue'),
        props: true,
        meta: { titleKey: 'progress.title', nav: 'dept-coverage' },
      },
      { path: 'schools', name: 'dept-schools', component: () => import('@/views/dept/SchoolsView.vue'), meta: { titleKey: 'nav.schools' } },
      { path: 'areas', name: 'dept-areas', component: () => import('@/views/dept/AreasView.vue'), meta: { titleKey: 'nav.areas' } },
      { path: 'users', name: 'dept-users', component: () => import('@/views/dept/UsersView.vue'), meta: { titleKey: 'nav.users' } },
      { path: 'import', name: 'dept-import', component: () => import('@/views/dept/ImportView.vue'), meta: { titleKey: 'nav.import' } },
      { path: 'rollover', name: 'dept-rollover', component: () => import('@/views/dept/RolloverView.vue'), meta: { titleKey: 'nav.rollover' } },
      { path: 'year', name: 'dept-year', component: () => import('@/views/dept/ProvinceYearView.vue'), meta: { titleKey: 'nav.year' } },
      { path: 'audit', name: 'dept-audit', component: () => import('@/views/dept/AuditView.vue'), meta: { titleKey: 'nav.audit' } },
      { path: 'library', name: 'dept-library', component: () => import('@/views/dept/LibraryView.vue'), meta: { titleKey: 'nav.library' } },
      {
        path: 'library/new',
        name: 'dept-lesson-new',
        component: () => import('@/views/dept/LessonEditorView.vue'),
        meta: { titleKey: 'editor.newTitle', nav: 'dept-library' },
      },
      {
        path: 'library/:id/edit',
        name: 'dept-lesson-edit',
        component: () => import('@/views/dept/LessonEditorView.vue'),
        props: true,
        meta: { titleKey: 'editor.editTitle', nav: 'dept-library' },
      },
      {
        path: 'library/:id',
        name: 'dept-lesson-preview',
        component: LessonPreviewView,
        props: true,
        meta: { titleKey: 'preview.title', nav: 'dept-library' },
      },
      { path: 'curricula', name: 'dept-curricula', component: () => import('@/views/dept/CurriculaView.vue'), meta: { titleKey: 'nav.curricula' } },
      {
        path: 'curricula/:id',
        name: 'dept-curriculum',
        component: () => import('@/views/dept/CurriculumView.vue'),
        props: true,
        meta: { titleKey: 'curricula.detailTitle', nav: 'dept-curricula' },
      },
      ...contestRoutes('dept'),
      ...organiserSubmissionRoutes(),
      ...judgingRoutes('dept'),
      ...diagnosticRoutes('dept'),
      helperRoute('dept'),
      ...trainingRoutes('dept'),
      {
        path: 'hoi/trends',
        name: 'dept-helper-trends',
        component: () => import('@/views/dept/HelperTrendsView.vue'),
        meta: { titleKey: 'helper.trends.title' },
      },
      {
        path: 'diagnostics/new',
        name: 'dept-diagnostic-new',
        component: () => import('@/views/dept/DiagnosticNewView.vue'),
        meta: { titleKey: 'diagnostics.builder.title', nav: 'dept-diagnostics' },
      },
    ],
  },
  {
    path: '/school',
    component: AppLayout,
    meta: { roles: ['school_admin'] },
    children: [
      { path: '', name: 'school-home', component: () => import('@/views/school/SchoolHomeView.vue'), meta: { titleKey: 'nav.home' } },
      { path: 'coverage', name: 'school-coverage', component: SchoolCoverageView, meta: { titleKey: 'nav.coverage' } },
      { path: 'classes', name: 'school-classes', component: () => import('@/views/school/ClassesView.vue'), meta: { titleKey: 'nav.classes' } },
      {
        path: 'classes/:id',
        name: 'school-class',
        component: () => import('@/views/school/ClassStudentsView.vue'),
        props: true,
        meta: { titleKey: 'enroll.pageTitle', nav: 'school-classes' },
      },
      { path: 'import', name: 'school-import', component: () => import('@/views/school/ImportView.vue'), meta: { titleKey: 'nav.import' } },
      { path: 'rollover', name: 'school-rollover', component: () => import('@/views/school/RolloverView.vue'), meta: { titleKey: 'nav.rollover' } },
      { path: 'people', name: 'school-people', component: () => import('@/views/school/PeopleView.vue'), meta: { titleKey: 'nav.people' } },
      ...teachingRoutes('school'),
      ...programRoutes('school'),
      ...contestRoutes('school'),
      ...diagnosticRoutes('school'),
      helperRoute('school'),
      ...trainingRoutes('school'),
    ],
  },
  {
    path: '/teacher',
    component: AppLayout,
    meta: { roles: ['teacher'] },
    children: [
      { path: '', name: 'teacher-home', component: () => import('@/views/teacher/TeacherHomeView.vue'), meta: { titleKey: 'nav.myClasses' } },
      ...teachingRoutes('teacher'),
      ...programRoutes('teacher'),
      ...contestRoutes('teacher'),
      ...teacherSubmissionRoutes(),
      ...judgingRoutes('teacher'),
      ...diagnosticRoutes('teacher'),
      helperRoute('teacher'),
      ...trainingRoutes('teacher'),
      {
        path: 'hoi/shared',
        name: 'teacher-helper-inbox',
        component: () => import('@/views/teacher/HelperInboxView.vue'),
        meta: { titleKey: 'helper.inbox.title' },
      },
    ],
  },
  {
    path: '/student',
    component: AppLayout,
    meta: { roles: ['student'], light: true },
    children: [
      { path: '', name: 'student-home', component: () => import('@/views/student/StudentHomeView.vue'), meta: { titleKey: 'nav.studentHome' } },
      {
        path: 'assignments/:id',
        name: 'student-assignment',
        component: () => import('@/views/student/AssignmentPlayerView.vue'),
        props: true,
        meta: { titleKey: 'player.title', nav: 'student-home' },
      },
      {
        path: 'contests/:id',
        name: 'student-contest',
        component: () => import('@/views/student/ContestEntryView.vue'),
        props: true,
        meta: { titleKey: 'contest.entry.title', nav: 'student-home' },
      },
      helperRoute('student'),
      ...studentSubmissionRoutes(),
      {
        // A lesson an answer of Hỏi Tỉnh Táo links to: read-only, the server sends it without answer keys.
        path: 'lessons/:id',
        name: 'student-lesson',
        component: LessonPreviewView,
        props: true,
        // The lesson preview is a staff page shown to students too: it keeps the component library.
        meta: { titleKey: 'helper.lesson.title', nav: 'student-helper', light: false },
      },
    ],
  },
  {
    // A live contest on the phone; the QR code on the projector links here with the PIN.
    path: '/play',
    component: AppLayout,
    meta: { roles: ['student'], light: true },
    children: [{ path: '', name: 'play', component: () => import('@/views/live/PlayView.vue'), meta: { titleKey: 'live.play.title', nav: 'student-home' } }],
  },
  {
    // The projector screen: the whole viewport, no menu.
    path: '/host/:contestId/:sessionId',
    name: 'live-host',
    component: () => import('@/views/live/HostView.vue'),
    props: true,
    meta: { roles: ['dept_admin', 'school_admin', 'teacher'], titleKey: 'live.host.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
];
