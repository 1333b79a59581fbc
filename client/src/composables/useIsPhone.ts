import { readonly, type Ref, ref } from 'vue';

const PHONE_QUERY = '(max-width: 768px)';
let isPhone: Ref<boolean> | null = null;

/** True on a phone-sized screen; one media-query listener for the whole app. */
export function useIsPhone(): Readonly<Ref<boolean>> {
  if (!isPhone) {
    const query = window.matchMedia(PHONE_QUERY);
    const state = ref(query.matches);
    query.addEventListener('change', (event) => {
      state.value = event.matches;
    });
    isPhone = state;
  }
  return readonly(isPhone);
}
