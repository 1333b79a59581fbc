import type { ImportPreviewDto, ImportQuery, ImportStatusDto } from '@tinhtao/shared';
import { computed, onBeforeUnmount, readonly, ref, shallowRef } from 'vue';

import { isApiError } from '@/api/ApiError';
import { importsApi } from '@/api/imports';
import { fileProblem } from '@/components/imports/columns';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';

const POLL_MS = 500;

/** Where an import stands: a file to choose, its preview, the server writing it, the result. */
export type ImportStep = 'choose' | 'preview' | 'running' | 'done' | 'failed';

/** Why a file was refused, in words, with the missing columns of an `IMPORT_HEADERS` problem. */
export interface ImportProblem {
  message: string;
  missingColumns: string[];
}

/**
 * One bulk import, start to end: upload for a preview (nothing written), confirm, then poll
 * `GET /api/imports/:id` until the server says done or failed.
 */
export function useImport() {
  const step = ref<ImportStep>('choose');
  const uploading = ref(false);
  const confirming = ref(false);
  const problem = ref<ImportProblem | null>(null);
  const preview = shallowRef<ImportPreviewDto | null>(null);
  const status = shallowRef<ImportStatusDto | null>(null);
  let polling: AbortController | null = null;
  let uploadAbort: AbortController | null = null;

  const importId = computed(() => preview.value?.importId ?? status.value?.id ?? null);
  /** Rows the confirm would write; error rows are skipped. */
  const writable = computed(() => (preview.value ? preview.value.counts.create + preview.value.counts.update : 0));

  async function upload(query: ImportQuery, file: File): Promise<void> {
    const refused = fileProblem(file);
    if (refused) {
      problem.value = { message: t(`imports.file.${refused}`, { name: file.name }), missingColumns: [] };
      return;
    }
    reset();
    uploading.value = true;
    uploadAbort = new AbortController();
    try {
      preview.value = await importsApi.preview(query, file, uploadAbort.signal);
      step.value = 'preview';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      problem.value = problemOf(error);
    } finally {
      uploading.value = false;
      uploadAbort = null;
    }
  }

  async function confirm(): Promise<void> {
    const id = preview.value?.importId;
    if (!id || confirming.value) return;
    confirming.value = true;
    problem.value = null;
    try {
      status.value = await importsApi.confirm(id);
    } catch (error) {
      // 409: already confirmed (a second tab, a double tap): follow the run that exists.
      if (!(isApiError(error) && error.status === 409)) {
        problem.value = problemOf(error);
        confirming.value = false;
        return;
      }
    }
    confirming.value = false;
    step.value = 'running';
    void follow(id);
  }

  /**
   * Picks an import up again after a reload (its id is kept in the address): a running one is
   * followed, a finished one shown, and one not yet confirmed gets a preview without its row sample.
   */
  async function resume(id: string): Promise<void> {
    reset();
    try {
      const found = await importsApi.status(id);
      status.value = found;
      if (found.status === 'pending') {
        preview.value = { importId: found.id, type: found.type, fileName: found.fileName, counts: found.counts, rows: [], creates: {} };
        step.value = 'preview';
      } else {
        settle(found);
        if (found.status === 'running') void follow(id);
      }
    } catch (error) {
      problem.value = problemOf(error);
    }
  }

  async function follow(id: string): Promise<void> {
    polling?.abort();
    const controller = new AbortController();
    polling = controller;
    while (!controller.signal.aborted) {
      await pause(POLL_MS, controller.signal);
      if (controller.signal.aborted) return;
      try {
        const next = await importsApi.status(id, controller.signal);
        if (controller.signal.aborted) return;
        status.value = next;
        if (next.status === 'done' || next.status === 'failed') {
          settle(next);
          return;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        // A hiccup of the network keeps us asking; a refusal (404, 403) will not change.
        if (isApiError(error) && error.status >= 400 && error.status < 500) {
          problem.value = problemOf(error);
          step.value = 'failed';
          return;
        }
      }
    }
  }

  function settle(found: ImportStatusDto): void {
    step.value = found.status === 'done' ? 'done' : found.status === 'failed' ? 'failed' : 'running';
  }

  /** Back to choosing a file; a preview that was never confirmed is simply left to expire. */
  function reset(): void {
    polling?.abort();
    polling = null;
    uploadAbort?.abort();
    uploadAbort = null;
    uploading.value = false;
    confirming.value = false;
    problem.value = null;
    preview.value = null;
    status.value = null;
    step.value = 'choose';
  }

  onBeforeUnmount(() => {
    polling?.abort();
    uploadAbort?.abort();
  });

  return {
    step: readonly(step),
    uploading: readonly(uploading),
    confirming: readonly(confirming),
    problem: readonly(problem),
    preview: computed(() => preview.value),
    status: computed(() => status.value),
    importId,
    writable,
    upload,
    confirm,
    resume,
    reset,
  };
}

function problemOf(error: unknown): ImportProblem {
  const missingColumns = isApiError(error) && error.code === 'IMPORT_HEADERS' ? error.fieldErrors.map((one) => one.field || one.message).filter(Boolean) : [];
  return { message: describeError(error), missingColumns };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
