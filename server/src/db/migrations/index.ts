// Every migration, in order. Static imports (not a folder scan) so bundlers and tsx agree.
import type { Migration } from 'kysely';
import * as core from './0001_core';
import * as render from './0002_render';
import * as rateWindowIndex from './0003_rate_window_index';
import * as renderRetention from './0004_render_retention';
import * as sharedSecrets from './0005_shared_secrets';
import * as renderCacheKeyUnique from './0006_render_cache_key_unique';
import * as loginFailures from './0007_login_failures';
import * as keyScopes from './0008_key_scopes';
import * as fonts from './0009_fonts';
import * as versionSavedBy from './0010_version_saved_by';
import * as jobs from './0011_jobs';
import * as queueTasks from './0012_queue_tasks';
import * as brandKits from './0013_brand_kits';
import * as rendersCreatedIndex from './0014_renders_created_index';

export const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_render': render,
  '0003_rate_window_index': rateWindowIndex,
  '0004_render_retention': renderRetention,
  '0005_shared_secrets': sharedSecrets,
  '0006_render_cache_key_unique': renderCacheKeyUnique,
  '0007_login_failures': loginFailures,
  '0008_key_scopes': keyScopes,
  '0009_fonts': fonts,
  '0010_version_saved_by': versionSavedBy,
  '0011_jobs': jobs,
  '0012_queue_tasks': queueTasks,
  '0013_brand_kits': brandKits,
  '0014_renders_created_index': rendersCreatedIndex,
};
