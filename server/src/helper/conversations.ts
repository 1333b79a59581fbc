import type { HelperSignDto, SignCode } from '@tinhtao/shared';
import type { Redis } from 'ioredis';

/**
 * A conversation with the helper lives only as long as someone may follow up or share it
 * (30 minutes), in memory on one node or in Redis with an expiry when nodes share work;
 * never in PostgreSQL, unless its student shares it.
 */
export interface Conversation {
  userId: string;
  /** The message asked about (kept only for "gửi cho thầy cô"), with its signs. */
  text: string;
  signs: HelperSignDto[];
  codes: SignCode[];
  lessonIds: string[];
}

export const CONVERSATION_TTL_MS = 30 * 60_000;

export interface ConversationStore {
  get(id: string): Promise<Conversation | null>;
  set(id: string, conversation: Conversation): Promise<void>;
}

export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, { conversation: Conversation; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(id: string) {
    const entry = this.entries.get(id);
    if (!entry || entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return null;
    }
    return entry.conversation;
  }

  async set(id: string, conversation: Conversation) {
    this.entries.set(id, { conversation, expiresAt: this.now() + CONVERSATION_TTL_MS });
    if (this.entries.size > 50_000) this.sweep();
  }

  private sweep() {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
  }
}

export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(id: string) {
    const raw = await this.redis.get(this.prefix + id);
    return raw ? (JSON.parse(raw) as Conversation) : null;
  }

  async set(id: string, conversation: Conversation) {
    await this.redis.set(this.prefix + id, JSON.stringify(conversation), 'PX', CONVERSATION_TTL_MS);
  }
}

export const CONVERSATIONS = Symbol('CONVERSATIONS');
export const HELPER_RATE = Symbol('HELPER_RATE');
