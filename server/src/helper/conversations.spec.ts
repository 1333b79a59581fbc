import { CONVERSATION_TTL_MS, MemoryConversationStore } from './conversations.js';

describe(MemoryConversationStore.name, () => {
  it('keeps a conversation for 30 minutes and not a moment longer', async () => {
    let now = 1_000_000;
    const store = new MemoryConversationStore(() => now);
    await store.set('c1', { userId: 'u1', text: 'Gửi mã OTP cho anh', signs: [], codes: ['OTP_REQUEST'], lessonIds: [] });
    now += CONVERSATION_TTL_MS - 1;
    expect((await store.get('c1'))?.text).toBe('Gửi mã OTP cho anh');
    now += 1;
    expect(await store.get('c1')).toBeNull();
    expect(await store.get('never')).toBeNull();
  });
});
