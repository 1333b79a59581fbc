import type { Api } from './api.js';

/**
 * A file sent as a tus client sends it to `/api/uploads` (metadata `contestId`, `filename`): in one
 * PATCH, or cut at `cutAt` bytes and finished after a HEAD asks where it stopped (as a phone whose
 * Wi-Fi dropped goes on). The last answer names the stored file in `Submission-File-Id`.
 */
export async function tusUpload(
  api: Api,
  contestId: string,
  filename: string,
  bytes: Uint8Array,
  cutAt?: number,
): Promise<{ status: number; fileId: string | null; offsets: number[] }> {
  const auth = { Authorization: `Bearer ${api.token}`, 'Tus-Resumable': '1.0.0' };
  const meta = `contestId ${Buffer.from(contestId).toString('base64')},filename ${Buffer.from(filename).toString('base64')}`;
  const created = await fetch(`${api.baseUrl}/api/uploads`, {
    method: 'POST',
    headers: { ...auth, 'Upload-Length': String(bytes.length), 'Upload-Metadata': meta },
  });
  if (created.status !== 201) return { status: created.status, fileId: null, offsets: [] };
  const url = new URL(created.headers.get('location')!, api.baseUrl).toString();
  const patch = (offset: number, chunk: Uint8Array) =>
    fetch(url, {
      method: 'PATCH',
      headers: { ...auth, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      body: new Uint8Array(chunk),
    });
  const offsets: number[] = [];
  let from = 0;
  if (cutAt !== undefined && cutAt > 0 && cutAt < bytes.length) {
    const first = await patch(0, bytes.subarray(0, cutAt));
    if (first.status !== 204) return { status: first.status, fileId: null, offsets };
    const head = await fetch(url, { method: 'HEAD', headers: auth });
    from = Number(head.headers.get('upload-offset'));
    offsets.push(from);
  }
  const rest = await patch(from, bytes.subarray(from));
  return { status: rest.status, fileId: rest.headers.get('submission-file-id'), offsets };
}
