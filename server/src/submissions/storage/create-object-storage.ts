import path from 'node:path';

import type { StorageSettings } from '../../config/config.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import type { ObjectStorage } from './object-storage.js';
import { S3Storage } from './s3.storage.js';

/** The one storage of the app, from its settings. */
export function createObjectStorage(settings: StorageSettings): ObjectStorage {
  if (settings.driver === 's3') {
    const { driver: _driver, ...options } = settings;
    return new S3Storage(options);
  }
  return new LocalDiskStorage(path.resolve(settings.root), { tusExpirationMs: settings.tusExpirationMs });
}
