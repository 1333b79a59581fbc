import { usernameBase } from '@tinhtao/shared';

/**
 * Readable usernames for new students of one import: the name's base (`nguyenvanan`), then the
 * base with a number when taken (`nguyenvanan2`), never one the database or this import holds.
 * The taken names of a base are read once, the first time the base is met.
 */
export class UsernamePicker {
  private readonly taken = new Map<string, Set<string>>();
  private readonly next = new Map<string, number>();

  /** `takenOnBases`: the stored usernames that are one of the bases followed by a number or nothing. */
  constructor(private readonly takenOnBases: (bases: string[]) => Promise<string[]>) {}

  /** One username per full name, in order. */
  async pick(fullNames: string[]): Promise<string[]> {
    const bases = [...new Set(fullNames.map(usernameBase))].filter((b) => !this.taken.has(b));
    for (const b of bases) this.taken.set(b, new Set());
    if (bases.length > 0) {
      for (const username of await this.takenOnBases(bases)) this.taken.get(username.replace(/[0-9]+$/, ''))?.add(username);
    }
    return fullNames.map((fullName) => this.pickOne(usernameBase(fullName)));
  }

  private pickOne(base: string): string {
    const used = this.taken.get(base)!;
    let n = this.next.get(base) ?? 1;
    let name = n === 1 ? base : `${base}${n}`;
    while (used.has(name)) name = `${base}${++n}`;
    this.next.set(base, n + 1);
    used.add(name);
    return name;
  }
}
