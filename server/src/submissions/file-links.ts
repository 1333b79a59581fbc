import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { CONFIG, type Config } from '../config/config.js';
import { Clock } from '../platform/clock.js';

/** How long a link lasts at least; links are made per hour, so a page's pictures keep one address (and the browser's cache) for an hour. */
const LIFETIME_MS = 6 * 3600_000;
const HOUR_MS = 3600_000;

export type FileVariant = 'file' | 'thumbnail';

/**
 * Links to an entry's files that a browser can put in `<img>` and `<video>`, which cannot send
 * the Authorization header. A link is handed only to whoever passed the access check for the
 * entry, names one file and one variant, expires, and is signed with a key of its own derived
 * from the JWT secret: it opens that file, nothing else (not a session, not another file).
 */
@Injectable()
export class FileLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, 'tinhtao', 'submission-file-links', 32));
  }

  /** The address of a file's variant, valid for at least six hours. */
  link(fileId: string, variant: FileVariant): string {
    const expires = Math.ceil((this.clock.nowMs() + LIFETIME_MS) / HOUR_MS) * HOUR_MS;
    const path = variant === 'file' ? `/api/submission-files/${fileId}` : `/api/submission-files/${fileId}/thumbnail`;
    return `${path}?expires=${expires}&signature=${this.sign(fileId, variant, expires)}`;
  }

  /** Whether a link's signature is this file's and variant's, and its time has not run out. */
  valid(fileId: string, variant: FileVariant, expires: number, signature: string): boolean {
    if (expires <= this.clock.nowMs()) return false;
    const expected = Buffer.from(this.sign(fileId, variant, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(fileId: string, variant: FileVariant, expires: number): string {
    return createHmac('sha256', this.key).update(`${fileId}|${variant}|${expires}`).digest('base64url');
  }
}
