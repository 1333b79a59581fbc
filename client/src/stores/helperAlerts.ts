import type { HelperAlertBody, HelperAlertDto, LessonSummaryDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/ApiError';
import { helperApi } from '@/api/helper';
import { lessonsApi } from '@/api/lessons';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

import { loadQuietly } from './feedback';

/** The Department's alert lessons to schools: sent from the trends page, read on the staff's homes. */
export const useHelperAlertsStore = defineStore('helperAlerts', () => {
  const list = ref<HelperAlertDto[]>([]);
  const choices = ref<LessonSummaryDto[]>([]);
  const busy = ref(false);

  const items = computed(() => list.value);
  /** The published lessons an alert may name (the Department sees every level's). */
  const lessons = computed(() => choices.value);
  const loading = computed(() => busy.value);

  /** Staff only: a student is refused, so the student's pages never ask. */
  async function load(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(helperApi.alerts);
      if (result) list.value = result;
    } finally {
      busy.value = false;
    }
  }

  async function loadLessons(): Promise<void> {
    const result = await loadQuietly(() => lessonsApi.list());
    if (result) choices.value = result;
  }

  /** Errors are rethrown for the dialog to stay open; a lesson outside the published curricula is named as such. */
  async function send(body: HelperAlertBody): Promise<HelperAlertDto> {
    try {
      const sent = await helperApi.sendAlert(body);
      notify.success(t('helper.alerts.sent', { title: sent.lessonTitle }));
      list.value = [sent, ...list.value.filter((one) => one.id !== sent.id)];
      return sent;
    } catch (error) {
      // The catalogue's CONFLICT speaks of a concurrent change; here it means the lesson is not published.
      notify.error(isApiError(error) && error.code === 'CONFLICT' ? t('helper.alerts.notPublished') : describeError(error));
      throw error;
    }
  }

  return { items, lessons, loading, load, loadLessons, send };
});
