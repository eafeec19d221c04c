// The blob store a server runs with, chosen by its configuration. The embedded default is
// the data directory itself, so the layout of earlier versions (images/, assets/) is kept.
import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { FileBlobStore } from './file-blob-store';

export function openBlobStore(config: Pick<Config, 'dataDir'>): BlobStore {
  return new FileBlobStore(config.dataDir);
}
