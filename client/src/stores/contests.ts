import type { ContestDto, ContestLeaderboardDto, CreateContestBody } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/ApiError';
import { type ContestResultsDto, contestsApi, type LeaderboardBy, type ResultsFormat } from '@/api/contests';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

import { loadQuietly, withFeedback } from './feedback';

/** Contests: the staff's list, create, open a live session, results and leaderboards; a student's open contests. */
export const useContestsStore = defineStore('contests', () => {
  const rows = ref<ContestDto[]>([]);
  const busy = ref(false);
  const loaded = ref(false);
  const downloading = ref<ResultsFormat | null>(null);

  const items = computed(() => rows.value);
  const loading = computed(() => busy.value);
  const ready = computed(() => loaded.value);
  const exporting = computed(() => downloading.value);

  function put(one: ContestDto): void {
    rows.value = [one, ...rows.value.filter((existing) => existing.id !== one.id)];
  }

  /** Staff: the contests of their scope; a student: those open to them (scheduled ones with own entry). */
  async function load(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => contestsApi.list());
      if (result) {
        rows.value = result;
        loaded.value = true;
      }
    } finally {
      busy.value = false;
    }
  }

  /** One contest, from the list or the server. */
  async function fetch(id: string): Promise<ContestDto | undefined> {
    const found = await loadQuietly(() => contestsApi.get(id));
    if (found) put(found);
    return found;
  }

  /** Errors are rethrown for the form to show under its fields. */
  async function create(body: CreateContestBody): Promise<ContestDto> {
    const created = await withFeedback(
      () => contestsApi.create(body),
      (one) => t('contest.created', { title: one.title }),
    );
    put(created);
    return created;
  }

  async function openSession(contest: ContestDto): Promise<{ sessionId: string; pin: string }> {
    return withFeedback(
      () => contestsApi.openSession(contest.id),
      (opened) => t('contest.sessionOpened', { pin: opened.pin }),
    );
  }

  /** The latest session's results; null when the contest has had no session yet. */
  async function results(id: string): Promise<ContestResultsDto | null> {
    try {
      return await contestsApi.results(id);
    } catch (error) {
      if (isApiError(error) && error.status === 404) return null;
      notify.error(describeError(error));
      return null;
    }
  }

  async function download(contest: ContestDto, format: ResultsFormat): Promise<void> {
    downloading.value = format;
    try {
      const file = await contestsApi.resultsFile(contest.id, format);
      saveFile(file.blob, file.filename ?? `${t('contest.results.fileName', { title: contest.title })}.${format}`);
      notify.success(t('contest.results.downloaded'));
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      downloading.value = null;
    }
  }

  /** A scheduled contest's leaderboard; `notPublished` for a student before the window closes. */
  async function leaderboard(id: string, by: LeaderboardBy): Promise<ContestLeaderboardDto | 'notPublished' | null> {
    try {
      return await contestsApi.leaderboard(id, by);
    } catch (error) {
      if (isApiError(error) && error.code === 'NOT_PUBLISHED') return 'notPublished';
      notify.error(describeError(error));
      return null;
    }
  }

  /** A student's entry moved on (started, handed in): the home list says so before it reloads. */
  function noteEntry(contestId: string, entry: NonNullable<ContestDto['entry']>): void {
    rows.value = rows.value.map((one) => (one.id === contestId ? { ...one, entry } : one));
  }

  return { items, loading, ready, exporting, load, fetch, create, openSession, results, download, leaderboard, noteEntry };
});
