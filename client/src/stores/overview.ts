import type { SchoolDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { areasApi } from '@/api/areas';
import { classesApi } from '@/api/classes';
import { provinceApi, type ProvinceDto } from '@/api/province';
import { schoolsApi } from '@/api/schools';
import { usersApi } from '@/api/users';

import { loadQuietly } from './feedback';

export interface OverviewCounts {
  schools?: number;
  areas?: number;
  classes?: number;
  teachers?: number;
  students?: number;
}

/** The numbers on the admins' home pages; each is fetched on its own so one failure hides only one card. */
export const useOverviewStore = defineStore('overview', () => {
  const provinceInfo = ref<ProvinceDto | null>(null);
  const schoolInfo = ref<SchoolDto | null>(null);
  const numbers = ref<OverviewCounts>({});

  const province = computed(() => provinceInfo.value);
  const school = computed(() => schoolInfo.value);
  const counts = computed(() => numbers.value);

  const total = (page: Promise<{ total: number }>) => page.then((result) => result.total);
  async function count(key: keyof OverviewCounts, request: () => Promise<number>): Promise<void> {
    const value = await loadQuietly(request);
    numbers.value = { ...numbers.value, [key]: value };
  }

  async function loadProvince(): Promise<void> {
    numbers.value = {};
    await Promise.all([
      loadQuietly(provinceApi.get).then((found) => (provinceInfo.value = found ?? null)),
      count('schools', () => total(schoolsApi.list({ limit: 1 }))),
      count('areas', () => areasApi.list().then((areas) => areas.length)),
      count('teachers', () => total(usersApi.list({ role: 'teacher', limit: 1 }))),
      count('students', () => total(usersApi.list({ role: 'student', limit: 1 }))),
    ]);
  }

  async function loadSchool(schoolId: string, schoolYear: string): Promise<void> {
    numbers.value = {};
    await Promise.all([
      loadQuietly(() => schoolsApi.get(schoolId)).then((found) => (schoolInfo.value = found ?? null)),
      count('classes', () => classesApi.list({ schoolId, schoolYear }).then((classes) => classes.length)),
      count('teachers', () => total(usersApi.list({ role: 'teacher', schoolId, limit: 1 }))),
      count('students', () => total(usersApi.list({ role: 'student', schoolId, limit: 1 }))),
    ]);
  }

  return { province, school, counts, loadProvince, loadSchool };
});
