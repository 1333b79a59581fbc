import { computed, ref } from 'vue';
import type { Router } from 'vue-router';

import { ApiError } from '@/api/ApiError';

/**
 * A detail page (a class, an assignment, a contest …) whose own record the API refuses with
 * 404 or 403 shows the app's one not-found state instead of a half-drawn page: the server
 * answers "not found" outside the caller's scope, and the page says the same, without a toast.
 */
const shown = ref(false);
/** Route ids the API has already answered about on this page: the record is there, a later 404 is about something else (a contest's first session). */
const seen = new Set<string>();
let routeIds: () => string[] = () => [];

export const notFoundShown = computed(() => shown.value);

/** Navigating to another page hides the state; the route's params are the ids a detail page is about. */
export function installNotFound(router: Router): void {
  routeIds = () =>
    Object.values(router.currentRoute.value.params)
      .flat()
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
  router.afterEach((to, from) => {
    if (to.path === from.path) return; // a filter in the query is the same page
    shown.value = false;
    seen.clear();
  });
}

/**
 * Every API answer: a call about one of the route's own ids refused as unseen (404, or 403 on a
 * read; a 403 on a change is a refusal about a record the caller does see), before any answer
 * about that id succeeded on this page, makes the page show the not-found state.
 */
export function reportAnswer(path: string, status: number, method: string): void {
  const ids = routeIds().filter((id) => path.includes(`/${encodeURIComponent(id)}`));
  if (ids.length === 0) return;
  if (status < 400) {
    for (const id of ids) seen.add(id);
    return;
  }
  if (status !== 404 && !(status === 403 && method === 'GET')) return;
  if (ids.some((id) => !seen.has(id))) shown.value = true;
}

/** While the not-found state is shown, the refusals behind it need no toast of their own. */
export function explainedByNotFound(error: unknown): boolean {
  return shown.value && error instanceof ApiError && (error.status === 404 || error.status === 403);
}
