import { ref } from 'vue';
import { useRouter } from 'vue-router';

import { useLessonsStore } from '@/stores/lessons';

/** "Tạo phiên bản mới": a published lesson is copied into a new draft, which opens in the editor. */
export function useReviseLesson() {
  const lessons = useLessonsStore();
  const router = useRouter();
  const revising = ref(false);

  async function revise(lesson: { id: string; title: string }): Promise<void> {
    if (revising.value) return;
    revising.value = true;
    try {
      const revision = await lessons.revise(lesson);
      await router.push({ name: 'dept-lesson-edit', params: { id: revision.id } });
    } catch {
      // The store has shown why.
    } finally {
      revising.value = false;
    }
  }

  return { revising, revise };
}
