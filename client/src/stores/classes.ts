import type { ClassDto, ClassListQuery, CreateClassBody, UpdateClassBody, UserDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { classesApi } from '@/api/classes';
import { t } from '@/i18n';
import { compareText, compareVietnameseNames } from '@/i18n/collate';

import { loadQuietly, withFeedback } from './feedback';

const byGradeThenName = (a: ClassDto, b: ClassDto) => a.grade - b.grade || compareText(a.name, b.name);

export const useClassesStore = defineStore('classes', () => {
  const list = ref<ClassDto[]>([]);
  const busy = ref(false);
  const rosters = ref<Record<string, UserDto[]>>({});

  const items = computed(() => list.value);
  const loading = computed(() => busy.value);
  const students = computed(() => rosters.value);

  function put(one: ClassDto): void {
    const others = list.value.filter((existing) => existing.id !== one.id);
    list.value = [...others, one].sort(byGradeThenName);
  }

  async function load(query: ClassListQuery = {}): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => classesApi.list(query));
      if (result) list.value = result.slice().sort(byGradeThenName);
    } finally {
      busy.value = false;
    }
  }

  async function fetch(id: string): Promise<ClassDto | undefined> {
    const found = await loadQuietly(() => classesApi.get(id));
    if (found) put(found);
    return found;
  }

  async function create(body: CreateClassBody): Promise<ClassDto> {
    const created = await withFeedback(
      () => classesApi.create(body),
      (one) => t('classes.created', { name: one.name }),
    );
    put(created);
    return created;
  }

  async function update(id: string, body: UpdateClassBody): Promise<ClassDto> {
    const updated = await withFeedback(
      () => classesApi.update(id, body),
      () => t('common.saved'),
    );
    put(updated);
    return updated;
  }

  async function remove(one: ClassDto): Promise<void> {
    await withFeedback(
      () => classesApi.remove(one.id),
      () => t('classes.deleted', { name: one.name }),
    );
    list.value = list.value.filter((existing) => existing.id !== one.id);
  }

  async function loadStudents(classId: string): Promise<void> {
    const roster = await loadQuietly(() => classesApi.students(classId));
    if (roster) setRoster(classId, roster);
  }

  async function enroll(one: ClassDto, studentIds: string[]): Promise<void> {
    const roster = await withFeedback(
      () => classesApi.enroll(one.id, { studentIds }),
      () => t('enroll.added', { n: studentIds.length }),
    );
    setRoster(one.id, roster);
  }

  async function unenroll(one: ClassDto, student: UserDto): Promise<void> {
    await withFeedback(
      () => classesApi.unenroll(one.id, student.id),
      () => t('enroll.removed', { name: student.fullName }),
    );
    setRoster(
      one.id,
      (rosters.value[one.id] ?? []).filter((enrolled) => enrolled.id !== student.id),
    );
  }

  function setRoster(classId: string, roster: UserDto[]): void {
    const sorted = roster.slice().sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
    rosters.value = { ...rosters.value, [classId]: sorted };
    const owner = list.value.find((existing) => existing.id === classId);
    if (owner) put({ ...owner, studentCount: sorted.length });
  }

  return { items, loading, students, load, fetch, create, update, remove, loadStudents, enroll, unenroll };
});
