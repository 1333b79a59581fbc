import { Injectable } from '@nestjs/common';
import type { ItemDto } from '@tinhtao/shared';

import { ItemsRepository } from './items.repository.js';

const MAX_LESSONS = 2000;

/**
 * The items of published lessons, kept in memory. A published lesson and its items never
 * change (the database refuses it), so the cache needs no invalidation and is right on
 * every node; it saves the autosave path a query per call. Draft lessons are never cached.
 */
@Injectable()
export class PublishedItemsRepository {
  private readonly lessons = new Map<string, Map<string, ItemDto>>();

  constructor(private readonly items: ItemsRepository) {}

  async itemsOf(lessonId: string): Promise<Map<string, ItemDto>> {
    const cached = this.lessons.get(lessonId);
    if (cached) return cached;
    const items = await this.items.findByLesson(lessonId);
    const byId = new Map(items.map((i) => [i.id, i]));
    if (items.length > 0 && items.every((i) => i.lockedAt !== null)) {
      if (this.lessons.size >= MAX_LESSONS) this.lessons.delete(this.lessons.keys().next().value!);
      this.lessons.set(lessonId, byId);
    }
    return byId;
  }
}
