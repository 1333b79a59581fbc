import { computed } from 'vue';
import { useRoute } from 'vue-router';

/**
 * The names of the teaching pages beside the current one: teachers and school admins get
 * the same pages under their own section (`teacher-progress`, `school-progress`).
 */
export function useStaffRoutes() {
  const route = useRoute();
  const section = computed(() => (String(route.name ?? '').startsWith('school-') ? 'school' : 'teacher'));
  return computed(() => ({
    assign: `${section.value}-assign`,
    progress: `${section.value}-progress`,
    student: `${section.value}-student`,
    reviews: `${section.value}-reviews`,
    lesson: `${section.value}-lesson`,
  }));
}
