import type { DetailedError, Upload } from 'tus-js-client';
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';

import { socketAccessToken } from '@/api/http';
import type { AttachedFile } from '@/components/submissions/draft';
import { type FileRefusal, type FileRule, refuseFile } from '@/components/submissions/files';
import { FILE_ID_HEADER, shouldRetryUpload, uploadFailure, uploadFingerprint, uploadPercent } from '@/components/submissions/uploads';
import { useSubmissionI18n } from '@/i18n/subsMessages';

export type UploadStatus = 'starting' | 'uploading' | 'paused' | 'failed' | 'done';

/** A file on its way up, as the page shows it. */
export interface UploadItem {
  key: number;
  name: string;
  type: string;
  size: number;
  sent: number;
  percent: number;
  status: UploadStatus;
  /** Picked again after a cut: went on from where the server had it. */
  resumed: boolean;
  /** Why it stopped, in words. */
  error: string | null;
  /** A network cut: tried again by itself when the phone is back online. */
  retryable: boolean;
}

export interface UploadOptions {
  /** The signed-in person and the contest: resuming is per person and contest (see `uploadFingerprint`). */
  userId: () => string | null;
  scope: () => string;
  /** Sent with the upload for the server to file it: the contest, the entry when replacing, the kind. */
  metadata: () => Record<string, string>;
  /** A file has gone up in full. */
  onDone: (file: AttachedFile) => void;
}

const ENDPOINT = '/api/uploads';
/** A PATCH per 8 MiB: a proxy's body limit never bites, and a cut costs at most the chunk under way. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** School Wi-Fi drops for a while: try again for about a minute before asking the student. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

/**
 * Resumable uploads (tus) with progress: a phone that drops at 80% goes on from 80%, in this page
 * (tus tries again by itself) or later (the same file picked again resumes from what the server
 * has). tus-js-client is fetched the first time a file is picked, never with the page.
 */
export function useUploads(options: UploadOptions) {
  const { t } = useSubmissionI18n();
  const items = ref<UploadItem[]>([]);
  const uploads = new Map<number, Upload>();
  let nextKey = 1;

  const busy = computed(() => items.value.some((item) => item.status === 'starting' || item.status === 'uploading'));
  const item = (key: number) => items.value.find((one) => one.key === key);

  function refusalText(refusal: FileRefusal): string {
    return t(`subs.upload.refused.${refusal.reason}`, refusal as unknown as Record<string, string | number>);
  }

  function failureText(error: Error | DetailedError): { text: string; retryable: boolean } {
    const response = 'originalResponse' in error ? error.originalResponse : null;
    const failure = uploadFailure(response?.getStatus() ?? 0, response?.getBody() ?? '');
    if (failure.code) {
      const key = `errors.${failure.code}`;
      const translated = t(key);
      if (translated !== key) return { text: translated, retryable: false };
    }
    return { text: t(`subs.upload.failed.${failure.kind}`), retryable: failure.kind === 'network' || failure.kind === 'server' || failure.kind === 'busy' };
  }

  /** Checks the file against the kind's rule and sends it; a refusal is returned in words, nothing is sent. */
  async function add(file: File, rule: FileRule, attached: number): Promise<string | null> {
    const pending = items.value.filter((one) => one.status !== 'done').length;
    const refusal = refuseFile(file, rule, attached + pending);
    if (refusal) return refusalText(refusal);
    const key = nextKey++;
    items.value.push({
      key,
      name: file.name,
      type: file.type,
      size: file.size,
      sent: 0,
      percent: 0,
      status: 'starting',
      resumed: false,
      error: null,
      retryable: false,
    });
    try {
      await start(key, file);
    } catch {
      fail(key, t('subs.upload.failed.network'), true);
    }
    return null;
  }

  function fail(key: number, text: string, retryable: boolean): void {
    const one = item(key);
    if (one) Object.assign(one, { status: 'failed', error: text, retryable });
  }

  async function start(key: number, file: File): Promise<void> {
    const { Upload: TusUpload } = await import('tus-js-client');
    const userId = options.userId() ?? 'anonymous';
    let refreshToken = false;
    let refreshedOnce = false;
    /** The file the finished upload became, named by the server on its last answer. */
    let fileId: string | null = null;
    const upload: Upload = new TusUpload(file, {
      endpoint: ENDPOINT,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      metadata: { ...options.metadata(), filename: file.name, filetype: file.type },
      fingerprint: async (picked: File) => uploadFingerprint(userId, options.scope(), picked),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      // The token goes in the header of every request, fresh: a long video outlasts an access token.
      onBeforeRequest: async (request) => {
        const token = await socketAccessToken(refreshToken);
        refreshToken = false;
        if (token) request.setHeader('Authorization', `Bearer ${token}`);
      },
      onShouldRetry: (error, _attempt) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        if (status === 401 && !refreshedOnce) {
          // The token ran out mid-upload: once, with a fresh one.
          refreshedOnce = true;
          refreshToken = true;
          return true;
        }
        return shouldRetryUpload(status, error.originalRequest?.getMethod() ?? '');
      },
      onAfterResponse: (_request, response) => {
        fileId = response.getHeader(FILE_ID_HEADER) || fileId;
      },
      onProgress: (sent, total) => {
        const one = item(key);
        if (one && one.status !== 'paused') Object.assign(one, { sent, percent: uploadPercent(sent, total, false), status: 'uploading' });
      },
      onSuccess: () => {
        const one = item(key);
        const id = fileId;
        if (!one || !id) return fail(key, t('subs.upload.failed.other'), false);
        Object.assign(one, { status: 'done', percent: 100, sent: one.size, error: null });
        options.onDone({ id, name: file.name, type: file.type, size: file.size });
        uploads.delete(key);
        items.value = items.value.filter((other) => other.key !== key);
      },
      onError: (error) => {
        const { text, retryable } = failureText(error);
        fail(key, text, retryable);
      },
    });
    uploads.set(key, upload);
    const previous = await upload.findPreviousUploads();
    const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
    if (latest) {
      upload.resumeFromPreviousUpload(latest);
      const one = item(key);
      if (one) one.resumed = true;
    }
    upload.start();
  }

  function pause(key: number): void {
    const one = item(key);
    if (!one) return;
    one.status = 'paused';
    void uploads.get(key)?.abort();
  }

  /** Goes on from where the server has it (tus asks first). */
  function resume(key: number): void {
    const one = item(key);
    const upload = uploads.get(key);
    if (!one || !upload) return;
    Object.assign(one, { status: 'uploading', error: null, retryable: false });
    upload.start();
  }

  /** Stops and forgets the file; what the server received is removed too. */
  function remove(key: number): void {
    const upload = uploads.get(key);
    uploads.delete(key);
    items.value = items.value.filter((one) => one.key !== key);
    void upload?.abort(true).catch(() => undefined);
  }

  // Back online: the uploads that stopped on a cut go on by themselves.
  const online = () => items.value.filter((one) => one.status === 'failed' && one.retryable).forEach((one) => resume(one.key));
  onMounted(() => window.addEventListener('online', online));
  onBeforeUnmount(() => {
    window.removeEventListener('online', online);
    // Leaving the page keeps what was sent: the same file picked again later resumes.
    for (const upload of uploads.values()) void upload.abort();
  });

  return { items, busy, add, pause, resume, remove };
}
