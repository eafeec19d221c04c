// The database type, assembled from the tables each feature declares beside its repository.
import type { AssetsTables } from '../assets/assets.table';
import type { AuthTables } from '../auth/auth.table';
import type { BrandTables } from '../brand/brand.table';
import type { FontsTables } from '../fonts/fonts.table';
import type { JobsTables } from '../jobs/jobs.table';
import type { KeysTables } from '../keys/keys.table';
import type { QuotaTables } from '../quota/quota.table';
import type { RenderTables } from '../render/render.table';
import type { TemplatesTables } from '../templates/templates.table';
import type { SharedSecretsTable } from './shared-secret';

export interface Database
  extends AuthTables,
    KeysTables,
    TemplatesTables,
    RenderTables,
    QuotaTables,
    AssetsTables,
    FontsTables,
    JobsTables,
    BrandTables {
  /** The master secret of nodes sharing a Postgres database (db/shared-secret.ts). */
  shared_secrets: SharedSecretsTable;
}
