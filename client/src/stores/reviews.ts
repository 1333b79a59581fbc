import type { ReviewBody, ReviewQueueItemDto, ReviewSummaryDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { type ReviewFilters, reviewsApi } from '@/api/reviews';
import { t } from '@/i18n';
import { formatNumber } from '@/i18n/format';

import { loadQuietly, withFeedback } from './feedback';

/** Answers per page: a page of the queue stays a few screens long on a phone. */
export const REVIEWS_PER_PAGE = 8;

/** One question of one lesson and its waiting answers on this page. */
export interface ReviewGroup {
  key: string;
  first: ReviewQueueItemDto;
  answers: ReviewQueueItemDto[];
}

/** The short answers waiting for a teacher, a page at a time, grouped by question; a graded one leaves the queue. */
export const useReviewsStore = defineStore('reviews', () => {
  const queue = ref<ReviewQueueItemDto[]>([]);
  const counts = ref<ReviewSummaryDto>({ total: 0, classes: [], lessons: [] });
  const filters = ref<ReviewFilters>({});
  const page = ref(1);
  const busy = ref(false);
  const loaded = ref(false);
  /** Numbers the loads: only the newest one's answer is shown, whatever order the answers arrive in. */
  let latestLoad = 0;
  /** Answers graded here: a page fetched before the grade was saved must not bring one back. */
  const graded = new Set<string>();
  /** Answers whose grade is being saved: a second submit of the same card sends nothing. */
  const saving = new Set<string>();

  const items = computed(() => queue.value);
  const summary = computed(() => counts.value);
  const current = computed(() => filters.value);
  const pageCount = computed(() => Math.max(1, Math.ceil(counts.value.total / REVIEWS_PER_PAGE)));
  const loading = computed(() => busy.value);
  const ready = computed(() => loaded.value);
  const groups = computed(() => {
    const list: ReviewGroup[] = [];
    for (const one of queue.value) {
      const key = `${one.lessonId}:${one.itemId}`;
      const last = list[list.length - 1];
      if (last?.key === key) last.answers.push(one);
      else list.push({ key, first: one, answers: [one] });
    }
    return list;
  });

  async function load(): Promise<void> {
    const mine = ++latestLoad;
    busy.value = true;
    try {
      const query = { ...filters.value };
      const [rows, summed] = await Promise.all([
        loadQuietly(() => reviewsApi.queue({ ...query, limit: REVIEWS_PER_PAGE, offset: (page.value - 1) * REVIEWS_PER_PAGE })),
        loadQuietly(() => reviewsApi.summary(query)),
      ]);
      // A newer load (a grade, a filter, another page) was asked for meanwhile: its answer is the one to show.
      if (mine !== latestLoad) return;
      if (rows) queue.value = rows.filter((one) => !graded.has(one.responseId));
      if (summed) counts.value = summed;
      loaded.value = true;
      // The last page emptied by grading: show the one before it.
      if (rows && rows.length === 0 && page.value > 1 && summed && summed.total > 0) {
        page.value = pageCount.value;
        await load();
      }
    } finally {
      if (mine === latestLoad) busy.value = false;
    }
  }

  async function filter(next: ReviewFilters): Promise<void> {
    filters.value = { classId: next.classId || undefined, lessonId: next.lessonId || undefined };
    page.value = 1;
    await load();
  }

  async function goTo(next: number): Promise<void> {
    page.value = Math.min(Math.max(1, next), pageCount.value);
    await load();
  }

  /** Errors are rethrown for the card to show under its fields. */
  async function grade(one: ReviewQueueItemDto, body: ReviewBody): Promise<void> {
    if (saving.has(one.responseId) || graded.has(one.responseId)) return;
    saving.add(one.responseId);
    try {
      await withFeedback(
        () => reviewsApi.review(one.responseId, body),
        () => t('reviews.saved', { name: one.studentName, score: formatNumber(body.score), max: formatNumber(one.maxScore) }),
      );
    } finally {
      saving.delete(one.responseId);
    }
    graded.add(one.responseId);
    queue.value = queue.value.filter((waiting) => waiting.responseId !== one.responseId);
    const less = <T extends { count: number }>(list: T[], match: (x: T) => boolean) =>
      list.map((x) => (match(x) ? { ...x, count: x.count - 1 } : x)).filter((x) => x.count > 0);
    counts.value = {
      total: counts.value.total - 1,
      classes: less(counts.value.classes, (c) => c.id === one.classId),
      lessons: less(counts.value.lessons, (l) => l.id === one.lessonId),
    };
    // The answers after this page move up by one: fetch the page again, so that going on to the next page skips none.
    if (counts.value.total > 0) await load();
  }

  const currentPage = computed(() => page.value);

  return { items, groups, summary, current, page: currentPage, pageCount, loading, ready, load, filter, goTo, grade };
});
