import { createObjectStorage } from './create-object-storage.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import { S3Storage } from './s3.storage.js';

describe(createObjectStorage.name, () => {
  it('keeps files on local disk under the given folder', () => {
    const storage = createObjectStorage({ driver: 'local', root: 'data/media' });
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect((storage as LocalDiskStorage).root).toMatch(/[/\\]data[/\\]media$/);
  });

  it('keeps files in an S3 bucket (MinIO in docker-compose) when told to', () => {
    const storage = createObjectStorage({ driver: 's3', bucket: 'bai-du-thi', region: 'us-east-1', endpoint: 'http://minio:9000', forcePathStyle: true });
    expect(storage).toBeInstanceOf(S3Storage);
    expect((storage as S3Storage).bucket).toBe('bai-du-thi');
  });
});
