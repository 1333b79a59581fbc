import path from 'node:path';

import { LocalDiskStorage } from './local-disk.storage.js';
import type { ObjectStorage } from './object-storage.js';
import { S3Storage, type S3StorageOptions } from './s3.storage.js';

/** Where files go: a folder on this machine (the default, under the data folder), or an S3-compatible bucket. */
export type StorageSettings = { driver: 'local'; root: string; tusExpirationMs?: number } | ({ driver: 's3' } & S3StorageOptions);

/** The one storage of the app, from its settings. */
export function createObjectStorage(settings: StorageSettings): ObjectStorage {
  if (settings.driver === 's3') {
    const { driver: _driver, ...options } = settings;
    return new S3Storage(options);
  }
  return new LocalDiskStorage(path.resolve(settings.root), { tusExpirationMs: settings.tusExpirationMs });
}
