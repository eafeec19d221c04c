// The database type, assembled from the tables each feature declares beside its repository.
import type { AssetsTables } from '../assets/assets.table';
import type { AuthTables } from '../auth/auth.table';
import type { KeysTables } from '../keys/keys.table';
import type { QuotaTables } from '../quota/quota.table';
import type { RenderTables } from '../render/render.table';
import type { TemplatesTables } from '../templates/templates.table';

export interface Database extends AuthTables, KeysTables, TemplatesTables, RenderTables, QuotaTables, AssetsTables {}
