import { afterEach, describe, expect, it } from '@jest/globals';
import { nextTick } from 'vue';

import en from './en.json';
import { i18n, type MessageSchema } from './index';
import { loadSubmissionMessages, st } from './subsMessages';

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

describe('the submission contests’ words', () => {
  it('are fetched with the pages, not before', async () => {
    expect(st('subs.title')).toBe('subs.title');
    await loadSubmissionMessages();
    expect(st('subs.title')).toBe('Thi sáng tạo');
  });

  it('fill placeholders and leave every other key to the app’s catalogue', async () => {
    await loadSubmissionMessages();
    expect(st('subs.code', { code: '0017' })).toBe('Bài 0017');
    expect(st('common.save')).toBe('Lưu');
    expect(st('subs.nope')).toBe('subs.nope');
    expect(st('subs.__proto__.constructor')).toBe('subs.__proto__.constructor');
  });

  it('follow the language chosen later, with English plurals', async () => {
    await loadSubmissionMessages();
    i18n.global.setLocaleMessage('en', en as MessageSchema);
    i18n.global.locale.value = 'en';
    await nextTick();
    await loadSubmissionMessages();
    expect(st('subs.vote.votes', { n: 1 }, 1)).toBe('1 vote');
    expect(st('subs.vote.votes', { n: 3 }, 3)).toBe('3 votes');
    i18n.global.locale.value = 'vi';
    expect(st('subs.vote.votes', { n: 3 }, 3)).toBe('3 lượt');
  });
});
