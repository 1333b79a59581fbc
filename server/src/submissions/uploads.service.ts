import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { entriesOpen, type FileLinkQuery, MEDIA_TYPES_BY_KIND, Permission, type SubmissionMediaType } from '@tinhtao/shared';
import type { Server } from '@tus/server';

import { AccessService } from '../access/access.service.js';
import { AccessTokenVerifier } from '../auth/access-token.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { AppError, ErrorCode, found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { FileLinks, type FileVariant } from './file-links.js';
import { acceptFile } from './media/file-kind.js';
import { processImage } from './media/image.js';
import { isNearDuplicate } from './media/perceptual-hash.js';
import { sniff } from './media/sniff.js';
import { videoPoster } from './media/video.js';
import { createObjectStorage } from './storage/create-object-storage.js';
import type { ObjectStorage } from './storage/object-storage.js';
import { serveObject } from './storage/serve-object.js';
import { createTusServer, type TusUploadInfo, UploadRefused } from './storage/tus.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { windowsOf } from './submissions.service.js';

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
export const objectStorageProvider = { provide: OBJECT_STORAGE, inject: [CONFIG], useFactory: (config: Config) => createObjectStorage(config.storage) };

/** The header that tells the client which file its finished upload became (named next in the entry's `fileIds`). */
export const FILE_ID_HEADER = 'Submission-File-Id';

/**
 * Resumable uploads of entries' files (tus at `/api/uploads`), and serving them back with range
 * requests after the access check. A file is checked from its bytes against the contest's kinds;
 * an image is re-encoded without metadata (its GPS position never reaches storage), with a
 * thumbnail and a perceptual hash (the same picture twice in a contest is flagged); a video gets
 * a poster.
 */
@Injectable()
export class UploadsService implements OnModuleDestroy {
  readonly tus: Server;

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly access: AccessService,
    private readonly repo: SubmissionsRepository,
    private readonly clock: Clock,
    @Inject(CONFIG) config: Config,
    private readonly links: FileLinks,
    private readonly tokens: AccessTokenVerifier,
  ) {
    this.tus = createTusServer({
      path: '/api/uploads',
      storage,
      maxSize: config.uploadMaxBytes,
      authorizeCreate: (req, upload) => this.authorizeCreate(userOf(req), upload),
      authorizeResume: async (req, upload) => {
        if (upload.metadata.ownerId !== userOf(req).userId) throw new UploadRefused(404, 'Not found');
      },
      onFinish: (req, upload) => this.finish(userOf(req), upload),
    });
  }

  onModuleDestroy(): void {
    // Nothing held open: each upload is its own request.
  }

  /** A signed-in student or teacher who may enter the contest, while its submission window is open, within its largest file. */
  private async authorizeCreate(auth: AuthUser, upload: TusUploadInfo): Promise<Record<string, string>> {
    const contestId = upload.metadata.contestId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(contestId)) throw new UploadRefused(400, 'contestId metadata is required');
    try {
      await this.access.require(auth, Permission.SubmissionEnter, [contestId]);
    } catch {
      throw new UploadRefused(404, 'No such submission contest');
    }
    const contest = await this.repo.contest(contestId);
    const first = (await this.repo.rounds([contestId]))[0];
    if (!contest || !first) throw new UploadRefused(404, 'No such submission contest');
    if (!entriesOpen(windowsOf(first), this.clock.now())) throw new UploadRefused(409, 'The submission window is not open');
    const largest = Math.max(...contest.kinds.map((k) => k.maxBytes));
    if (upload.size > largest) throw new UploadRefused(413, `The contest takes files of up to ${largest} bytes`);
    return { ownerId: auth.userId, contestId, fileId: randomUUID() };
  }

  /** The last byte is in: check the bytes, store the file as it will be served, and name it to the client. */
  private async finish(auth: AuthUser, upload: TusUploadInfo): Promise<{ headers: Record<string, string> }> {
    const contest = await this.repo.contest(upload.metadata.contestId);
    if (!contest) throw new UploadRefused(404, 'No such submission contest');
    const fileId = upload.metadata.fileId;
    const base = `submissions/${contest.id}/${fileId}`;
    const incoming = await this.storage.adoptTusUpload(upload.id, `${base}/incoming`, { contentType: 'application/octet-stream' });
    try {
      const head = await this.storage.get(incoming.key, { start: 0, end: Math.min(incoming.size, 4100) - 1 });
      const sniffed = await sniff(head.stream);
      const name = (upload.metadata.filename ?? '').slice(0, 255);
      const taken = contest.kinds.flatMap((k) => k.mediaTypes);
      const verdict = acceptFile({ name, size: incoming.size, sniffed }, { allowed: taken, maxBytes: Math.max(...contest.kinds.map((k) => k.maxBytes)) });
      if (!verdict.ok) throw new UploadRefused(415, `The file is not one this contest takes (${verdict.refusal.reason})`);
      const mime = verdict.type.mime as SubmissionMediaType;
      const isImage = MEDIA_TYPES_BY_KIND.poster.includes(mime);
      const row = {
        id: fileId,
        contestId: contest.id,
        ownerId: auth.userId,
        // eslint-disable-next-line no-control-regex -- control characters are what this removes
        originalName: name.replace(/[\u0000-\u001f\u007f]/g, '_') || 'tep',
        storageKey: '',
        mediaType: mime,
        bytes: incoming.size,
        width: null as number | null,
        height: null as number | null,
        durationSeconds: null,
        thumbnailKey: null as string | null,
        posterKey: null as string | null,
        phash: null as string | null,
        duplicateOf: null as string | null,
      };
      if (isImage) {
        const original = await this.storage.get(incoming.key);
        const processed = await processImage(original.stream).catch(() => {
          throw new UploadRefused(415, 'The picture cannot be read');
        });
        row.storageKey = `${base}/image.jpg`;
        row.thumbnailKey = `${base}/thumbnail.webp`;
        await this.storage.put(row.storageKey, processed.image.data, { contentType: processed.image.mime });
        await this.storage.put(row.thumbnailKey, processed.thumbnail.data, { contentType: processed.thumbnail.mime });
        await this.storage.delete(incoming.key);
        Object.assign(row, {
          mediaType: processed.image.mime,
          bytes: processed.image.data.length,
          width: processed.image.width,
          height: processed.image.height,
          phash: processed.hash,
        });
        const twin = (await this.repo.contestHashes(contest.id)).find((h) => isNearDuplicate(h.phash, processed.hash));
        row.duplicateOf = twin?.id ?? null;
      } else {
        row.storageKey = `${base}/video.${verdict.type.ext}`;
        await this.storage.move(incoming.key, row.storageKey);
        const poster = await videoPoster({ title: 'Video dự thi' });
        row.posterKey = `${base}/poster.png`;
        row.thumbnailKey = row.posterKey;
        await this.storage.put(row.posterKey, poster.data, { contentType: poster.mime });
      }
      await this.repo.insertFile(row);
      return { headers: { [FILE_ID_HEADER]: fileId } };
    } catch (error) {
      await this.storage.delete(incoming.key).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Serves a file (or its thumbnail / poster), with range requests: through a signed link (what
   * pages put in `<img>` and `<video>`), or to a caller with an access token who may read it.
   */
  async serve(fileId: string, which: FileVariant, link: FileLinkQuery, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (link.signature !== undefined && link.expires !== undefined) {
      if (!this.links.valid(fileId, which, link.expires, link.signature)) throw new AppError(ErrorCode.NotFound, 'This link is not valid, or has expired');
    } else {
      const auth = await this.tokens.verifyBearer(req);
      if (!auth) throw new AppError(ErrorCode.Unauthenticated, 'A valid access token or a signed link is required');
      await this.access.require(auth, Permission.SubmissionFileRead, [fileId]);
    }
    const file = found(await this.repo.file(fileId), 'file');
    const key = which === 'file' ? file.storageKey : found(file.thumbnailKey, 'file');
    await serveObject(this.storage, key, req, res, { cacheControl: 'private, max-age=3600' });
  }
}

function userOf(req: IncomingMessage): AuthUser {
  const user = (req as IncomingMessage & { user?: AuthUser }).user;
  if (!user) throw new UploadRefused(401, 'Sign in first');
  return user;
}
