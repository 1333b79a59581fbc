import { describe, expect, it } from '@jest/globals';

import { shouldRetryUpload, uploadFailure, uploadFingerprint, uploadPercent } from './uploads';

describe('uploadFailure', () => {
  it('reads the problem code the server sent, beside what the status means', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, code: 'SUBMISSION_CLOSED', detail: 'The window closed' });
    expect(uploadFailure(409, body)).toEqual({ kind: 'closed', code: 'SUBMISSION_CLOSED' });
  });

  it('tells a too large file, a file that lies about its type and a refused one by their status when the body is plain text', () => {
    expect(uploadFailure(413, 'Maximum size exceeded\n')).toEqual({ kind: 'tooLarge' });
    expect(uploadFailure(415, 'Tệp không phải là ảnh\n')).toEqual({ kind: 'type' });
    expect(uploadFailure(403, 'Hết hạn nộp bài\n')).toEqual({ kind: 'closed' });
    expect(uploadFailure(404, '')).toEqual({ kind: 'gone' });
    expect(uploadFailure(410, '')).toEqual({ kind: 'gone' });
    expect(uploadFailure(422, '')).toEqual({ kind: 'unreadable' });
  });

  it('calls no answer at all a lost connection, and a 5xx the server', () => {
    expect(uploadFailure(0, '')).toEqual({ kind: 'network' });
    expect(uploadFailure(502, '<html>Bad gateway</html>')).toEqual({ kind: 'server' });
    expect(uploadFailure(418, '')).toEqual({ kind: 'other' });
  });

  it('ignores a code that is not one (hostile or broken JSON)', () => {
    expect(uploadFailure(415, '{"code":"<script>"}')).toEqual({ kind: 'type' });
    expect(uploadFailure(415, '{"code":"A\u0000B"}')).toEqual({ kind: 'type' });
    expect(uploadFailure(415, '{"code": 42}')).toEqual({ kind: 'type' });
    expect(uploadFailure(415, '{not json')).toEqual({ kind: 'type' });
    expect(uploadFailure(415, 'null')).toEqual({ kind: 'type' });
  });
});

describe('shouldRetryUpload', () => {
  it('retries a dropped connection, a busy or failing server and an offset mismatch on PATCH', () => {
    expect(shouldRetryUpload(0, 'PATCH')).toBe(true);
    expect(shouldRetryUpload(503, 'POST')).toBe(true);
    expect(shouldRetryUpload(429, 'HEAD')).toBe(true);
    expect(shouldRetryUpload(423, 'PATCH')).toBe(true);
    expect(shouldRetryUpload(409, 'PATCH')).toBe(true);
  });

  it('never retries a refusal: type, size, closed window, rights', () => {
    for (const status of [400, 401, 403, 404, 410, 413, 415, 422]) expect(shouldRetryUpload(status, 'PATCH')).toBe(false);
    expect(shouldRetryUpload(409, 'POST')).toBe(false);
  });
});

describe('uploadFingerprint', () => {
  const file = { name: 'Áp phích – An toàn mạng.jpg', type: 'image/jpeg', size: 2_345_678, lastModified: 1_767_225_600_000 };

  it('differs for two students picking the same file on one phone', () => {
    expect(uploadFingerprint('u1', 'c1', file)).not.toBe(uploadFingerprint('u2', 'c1', file));
  });

  it('is the same for the same student, contest and file, Vietnamese name kept byte for byte', () => {
    expect(uploadFingerprint('u1', 'c1', file)).toBe('tt-upload:u1:c1:Áp phích – An toàn mạng.jpg:image/jpeg:2345678:1767225600000');
  });
});

describe('uploadPercent', () => {
  it('rounds down and keeps 100% for the server’s answer', () => {
    expect(uploadPercent(0, 0, false)).toBe(0);
    expect(uploadPercent(80, 100, false)).toBe(80);
    expect(uploadPercent(999, 1000, false)).toBe(99);
    expect(uploadPercent(1000, 1000, false)).toBe(99);
    expect(uploadPercent(1000, 1000, true)).toBe(100);
  });
});
