import { computed } from 'vue';
import { useRoute } from 'vue-router';

export type StaffSection = 'dept' | 'school' | 'teacher';

/** The staff section of the current page, from its route name (`dept-judging` → `dept`): the same pages sit under several roles. */
export function useSection() {
  const route = useRoute();
  return computed<StaffSection>(() => {
    const name = String(route.name ?? '');
    return name.startsWith('dept-') ? 'dept' : name.startsWith('school-') ? 'school' : 'teacher';
  });
}

/** The judging pages' route names in the current section. */
export function useJudgingRoutes() {
  const section = useSection();
  return computed(() => ({ list: `${section.value}-judging`, entry: `${section.value}-judge-entry` }));
}
