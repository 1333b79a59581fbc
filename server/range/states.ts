/**
 * Each student's state of each app, in memory, bounded: least recently used first out past
 * `maxEntries`, and anything idle for `idleMs` dropped by `sweep`. A Map keeps insertion order,
 * and a touched entry is moved to the end, so the oldest entry is always the first.
 */
export interface StateEntry {
  flag: string;
  state: unknown;
  lastSeen: number;
}

/** Touches closer together than this do not reorder the map: one move per student per second is enough for LRU. */
const TOUCH_GRANULARITY_MS = 1000;

export class StateStore {
  private readonly entries = new Map<string, StateEntry>();

  constructor(
    private readonly maxEntries: number,
    private readonly idleMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key`, made by `create` when absent (or reset), and marked as used at `now`. */
  use(key: string, now: number, create: () => StateEntry): StateEntry {
    const found = this.entries.get(key);
    if (found) {
      if (now - found.lastSeen >= TOUCH_GRANULARITY_MS) {
        this.entries.delete(key);
        this.entries.set(key, found);
      }
      found.lastSeen = now;
      return found;
    }
    const made = create();
    made.lastSeen = now;
    this.entries.set(key, made);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries idle since before `now - idleMs`; stops at the first recent one (the rest are newer). */
  sweep(now: number): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (now - entry.lastSeen < this.idleMs + TOUCH_GRANULARITY_MS) break;
      this.entries.delete(key);
      dropped++;
    }
    return dropped;
  }
}
