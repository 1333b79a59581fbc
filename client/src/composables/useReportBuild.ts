import type { ReportFormat, ReportProgressDto } from '@tinhtao/shared';
import { computed, onBeforeUnmount, readonly, ref } from 'vue';

import type { DownloadedFile } from '@/api/http';
import { reportsApi } from '@/api/reports';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

const POLL_MS = 400;
/** How long a finished bar stays at 100% so that people see the build end. */
const DONE_SHOWN_MS = 1500;

/**
 * One report being built and downloaded: the request runs while the progress endpoint is
 * polled under a token the client makes up, so that a long build shows how far it got.
 */
export function useReportBuild() {
  const format = ref<ReportFormat | null>(null);
  const percent = ref(0);
  const phase = ref<ReportProgressDto['phase'] | null>(null);
  const problem = ref<string | null>(null);
  const finished = ref(false);
  let stopPolling: (() => void) | null = null;
  let hideFinished: ReturnType<typeof setTimeout> | undefined;

  const building = computed(() => format.value !== null);
  /** The bar shows while a report builds, and a moment after it is done. */
  const showProgress = computed(() => building.value || finished.value);

  /** `request` fetches the file under the progress token; `fallbackName` names it when the server does not. */
  async function build(kind: ReportFormat, request: (token: string) => Promise<DownloadedFile>, fallbackName: string): Promise<void> {
    if (format.value) return;
    clearTimeout(hideFinished);
    finished.value = false;
    format.value = kind;
    percent.value = 0;
    phase.value = 'queued';
    problem.value = null;
    const token = progressToken();
    const polling = new AbortController();
    stopPolling = () => polling.abort();
    void follow(token, polling.signal);
    try {
      const file = await request(token);
      percent.value = 100;
      phase.value = 'done';
      saveFile(file.blob, file.filename ?? `${fallbackName}.${kind}`);
      notify.success(t('reports.downloaded'));
      finished.value = true;
      hideFinished = setTimeout(() => (finished.value = false), DONE_SHOWN_MS);
    } catch (error) {
      phase.value = 'failed';
      problem.value = describeError(error);
      notify.error(problem.value);
    } finally {
      polling.abort();
      stopPolling = null;
      format.value = null;
    }
  }

  /** Polls until the server says done or failed, or the download settles; 404 means "not seen yet". */
  async function follow(token: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await pause(POLL_MS, signal);
      if (signal.aborted) return;
      try {
        const progress = await reportsApi.progress(token, signal);
        if (signal.aborted) return;
        percent.value = Math.max(percent.value, Math.min(100, progress.percent));
        phase.value = progress.phase;
        if (progress.phase === 'done' || progress.phase === 'failed') return;
      } catch {
        // Not seen yet (404), or a hiccup: keep asking; the download itself reports any real problem.
      }
    }
  }

  onBeforeUnmount(() => {
    stopPolling?.();
    clearTimeout(hideFinished);
  });

  return {
    format: readonly(format),
    percent: readonly(percent),
    phase: readonly(phase),
    problem: readonly(problem),
    building,
    showProgress,
    build,
  };
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

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts, and a school may open the
 * app over plain http on its own network, where `getRandomValues` still works.
 */
export function progressToken(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
