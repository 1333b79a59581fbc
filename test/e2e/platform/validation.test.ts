import { validationMessage } from '@tinhtao/shared';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';

/** A refused body answers each field with a stable code and its parameters, which the client words in Vietnamese. */
let app: TestApp;
let anon: Api;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
});
afterAll(async () => {
  await app?.stop();
});

describe('validation problems', () => {
  it('give every field error a catalogue code and its parameters, the message in English for developers', async () => {
    const head = await anon.signedIn('thcs1-admin');
    const me = (await head.get('/api/me')).body as { schoolId: string };
    const res = await head.post('/api/classes', { schoolId: me.schoolId, name: 'x'.repeat(41), grade: 8, schoolYear: '2026-2028' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(
      (res.body.errors as { field: string; code: string; params: Record<string, number>; message: string }[]).map((e) => [e.field, e]),
    );
    expect(byField.name).toEqual({ field: 'name', code: 'too_big.string', params: { maximum: 40 }, message: 'At most 40 characters' });
    expect(byField.schoolYear).toMatchObject({ code: 'schoolYear.consecutive', message: 'The second year must follow the first' });
    // What the client shows for the same code.
    expect(validationMessage(byField.name.code as 'too_big.string', byField.name.params, 'vi')).toBe('Tối đa 40 ký tự');
  });
});
