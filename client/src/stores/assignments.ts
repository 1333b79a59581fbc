import type { AssignmentDto, AssignmentListQuery, CreateAssignmentBody, PlanRowDto, StudentAssignmentDto, UpdateAssignmentBody } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { assignmentsApi } from '@/api/assignments';
import { t } from '@/i18n';
import { formatShortDateTime } from '@/i18n/format';

import { loadQuietly, withFeedback } from './feedback';

/** Assignments: a teacher's (or school's) list and the year's plan; a student's own list. */
export const useAssignmentsStore = defineStore('assignments', () => {
  const rows = ref<AssignmentDto[]>([]);
  const planRows = ref<PlanRowDto[]>([]);
  const own = ref<StudentAssignmentDto[]>([]);
  const busy = ref(false);

  const items = computed(() => rows.value);
  const plan = computed(() => planRows.value);
  const mine = computed(() => own.value);
  const loading = computed(() => busy.value);

  async function load(query: AssignmentListQuery = {}): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => assignmentsApi.list(query));
      if (result) rows.value = result;
    } finally {
      busy.value = false;
    }
  }

  async function loadPlan(schoolYear: string): Promise<void> {
    const result = await loadQuietly(() => assignmentsApi.plan({ schoolYear }));
    if (result) planRows.value = result;
  }

  async function loadMine(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => assignmentsApi.mine());
      if (result) own.value = result;
    } finally {
      busy.value = false;
    }
  }

  function put(one: AssignmentDto): void {
    rows.value = [one, ...rows.value.filter((existing) => existing.id !== one.id)].sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  }

  /** Errors are rethrown for the form to show under its fields. */
  async function create(body: CreateAssignmentBody, classNames: string): Promise<AssignmentDto> {
    const created = await withFeedback(
      () => assignmentsApi.create(body),
      (one) => t('assign.created', { title: one.title, classes: classNames }),
    );
    put(created);
    return created;
  }

  async function extend(one: AssignmentDto, dueAt: string): Promise<AssignmentDto> {
    const updated = await withFeedback(
      () => assignmentsApi.update(one.id, { dueAt }),
      (saved) => t('assign.extended', { title: saved.title, at: formatShortDateTime(saved.dueAt) }),
    );
    put(updated);
    return updated;
  }

  /** Closing refuses late work; reopening takes it again. */
  async function setClosed(one: AssignmentDto, closed: boolean): Promise<AssignmentDto> {
    const body: UpdateAssignmentBody = { closed };
    const updated = await withFeedback(
      () => assignmentsApi.update(one.id, body),
      (saved) => t(closed ? 'assign.closed' : 'assign.reopened', { title: saved.title }),
    );
    put(updated);
    return updated;
  }

  return { items, plan, mine, loading, load, loadPlan, loadMine, create, extend, setClosed };
});
