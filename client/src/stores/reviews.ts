import type { ReviewBody, ReviewQueueItemDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { reviewsApi } from '@/api/reviews';
import { t } from '@/i18n';
import { formatNumber } from '@/i18n/format';
import { loadQuietly, withFeedback } from './feedback';

/** The short answers waiting for a teacher; a graded one leaves the queue. */
export const useReviewsStore = defineStore('reviews', () => {
  const queue = ref<ReviewQueueItemDto[]>([]);
  const busy = ref(false);
  const loaded = ref(false);

  const items = computed(() => queue.value);
  const loading = computed(() => busy.value);
  const ready = computed(() => loaded.value);

  async function load(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => reviewsApi.queue());
      if (result) queue.value = result;
      loaded.value = true;
    } finally {
      busy.value = false;
    }
  }

  /** Errors are rethrown for the card to show under its fields. */
  async function grade(one: ReviewQueueItemDto, body: ReviewBody): Promise<void> {
    await withFeedback(
      () => reviewsApi.review(one.responseId, body),
      () => t('reviews.saved', { name: one.studentName, score: formatNumber(body.score), max: formatNumber(one.maxScore) }),
    );
    queue.value = queue.value.filter((waiting) => waiting.responseId !== one.responseId);
  }

  return { items, loading, ready, load, grade };
});
