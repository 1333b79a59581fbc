import type { DiagnosticDto, DiagnosticResultsDto, DiagnosticResultsQuery, MyDiagnosticDto, OpenRoundBody } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { diagnosticsApi } from '@/api/diagnostics';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

/** Pre/post diagnostics: the list in scope, one set of results, a student's own before and after. */
export const useDiagnosticsStore = defineStore('diagnostics', () => {
  const rows = ref<DiagnosticDto[]>([]);
  const resultsData = ref<DiagnosticResultsDto | null>(null);
  const mineData = ref<MyDiagnosticDto[]>([]);
  const busy = ref(false);
  let request = 0;

  const items = computed(() => rows.value);
  const results = computed(() => resultsData.value);
  const mine = computed(() => mineData.value);
  const loading = computed(() => busy.value);

  async function load(): Promise<void> {
    const result = await loadQuietly(() => diagnosticsApi.list());
    if (result) rows.value = result;
  }

  /** A newer request wins, so that switching school or class quickly never shows stale figures. */
  async function loadResults(id: string, query: DiagnosticResultsQuery): Promise<void> {
    const mine = ++request;
    busy.value = true;
    try {
      const result = await loadQuietly(() => diagnosticsApi.results(id, query));
      if (result && mine === request) resultsData.value = result;
    } finally {
      if (mine === request) busy.value = false;
    }
  }

  async function openRound(id: string, body: OpenRoundBody): Promise<void> {
    await withFeedback(
      () => diagnosticsApi.openRound(id, body),
      (r) => t(`diagnostics.open.done.${body.phase}`, { classes: r.classes }),
    );
    await load();
  }

  async function loadMine(): Promise<void> {
    const result = await loadQuietly(() => diagnosticsApi.mine());
    if (result) mineData.value = result;
  }

  return { items, results, mine, loading, load, loadResults, openRound, loadMine };
});
