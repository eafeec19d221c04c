// Wire types of the Layercast HTTP API, shared by the server's tests, the CLI and the editor.
// Each one is what the server's route sends (server/src/**/routes.ts) and what its OpenAPI
// document declares; a field is optional only where the server really leaves it out.
import type { Diagnostics } from '../diagnostics';
import type { ValidationIssue } from '../issues';
import type { TemplateDocument } from '../schema';
import type { RenderFormat } from './sign';

export interface ApiErrorBody {
  success: false;
  error: { code: string; message: string; details?: ValidationIssue[] | unknown };
}

// --- accounts -------------------------------------------------------------------------

export interface Account {
  id: string;
  email: string;
  createdAt: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** The answer of signup and login: the account and the session's CSRF token. */
export interface AuthSession {
  account: Account;
  /** Send as X-CSRF-Token on writes made with the session cookie. */
  csrfToken: string;
}

/** GET /api/auth/me; `csrfToken` is absent when the caller authenticated with an API key. */
export interface MeResponse {
  account: Account;
  csrfToken?: string;
}

// --- API keys -------------------------------------------------------------------------

export interface ApiKey {
  id: string;
  name: string;
  /** `lc_live_` and the next 8 characters: enough to recognise a key, never to use it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** POST /api/keys: the only answer that carries the key itself. */
export interface CreatedApiKey extends ApiKey {
  key: string;
  /** Signs render URLs with `kid` = `id`; also at GET /api/keys/:id/signing-secret. */
  signingSecret: string;
}

export interface SigningSecret {
  keyId: string;
  signingSecret: string;
}

// --- usage, assets, fonts -------------------------------------------------------------

/** GET /api/usage: this calendar month (UTC) against the account's limits; null = unlimited. */
export interface Usage {
  success: true;
  /** `2026-11` */
  month: string;
  renders: number;
  monthlyQuota: number | null;
  remaining: number | null;
  resetsAt: string;
  ratePerMinute: number | null;
}

export interface UploadedAsset {
  id: string;
  /** Same-origin path (`/api/assets/<id>.png`): what a template's image `src` should hold. */
  url: string;
  absoluteUrl: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

export interface AssetUploadResponse {
  success: true;
  asset: UploadedAsset;
}

export type FontCategoryName = 'sans-serif' | 'serif' | 'monospace' | 'emoji';
export type FontStyle = 'normal' | 'italic';

export interface FontFileEntry {
  weight: number;
  style: FontStyle;
  format: string;
  /** Same-origin, immutable: `/api/fonts/files/<tag>/<file>.ttf`. */
  url: string;
}

export interface FontFamilyEntry {
  family: string;
  category: FontCategoryName;
  weights: number[];
  styles: FontStyle[];
  /** Fractions of the em (the line box the engine lays text out with). */
  metrics: { ascent: number; descent: number };
  files: FontFileEntry[];
}

export interface FontListResponse {
  success: true;
  families: FontFamilyEntry[];
  /** Inclusive code point ranges some shipped font can draw; others render as U+FFFD. */
  coverage: Array<[number, number]>;
}

// --- templates ------------------------------------------------------------------------

export interface TemplateResource {
  id: string;
  name: string;
  description: string;
  jsonData: TemplateDocument;
  previewUrl: string | null;
  isPublic: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  previewUrl: string | null;
  isPublic: boolean;
  version: number;
  width: number;
  height: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields of a create; `jsonData` may be any supported document version (it is migrated). */
export interface TemplateInput {
  name?: string;
  description?: string;
  jsonData: unknown;
  previewUrl?: string | null;
  isPublic?: boolean;
}

export type TemplateUpdate = Partial<TemplateInput>;

export interface TemplateVersionSummary {
  version: number;
  name: string;
  createdAt: string;
}

export interface TemplateVersionsResponse {
  templateId: string;
  currentVersion: number;
  versions: TemplateVersionSummary[];
}

// --- rendering ------------------------------------------------------------------------

export type LayerOverridesInput = Record<string, Record<string, unknown>>;

export interface GenerateRequest {
  templateId: string;
  layers?: LayerOverridesInput;
  variables?: Record<string, string | number>;
  format?: RenderFormat;
  quality?: number;
  scale?: number;
  force?: boolean;
}

export interface GenerateResponse {
  success: true;
  /** The stored image's id (in a batch result: the item's id instead, see BatchResult). */
  id: string;
  imageUrl: string;
  cached: boolean;
  format: RenderFormat;
  width: number;
  height: number;
  /** Time this request spent rendering; 0 for a cache hit. */
  generationMs: number;
  diagnostics: Diagnostics;
}

export interface BatchItem extends Omit<GenerateRequest, 'force'> {
  /** Yours, echoed as the result's `id`; the item's index when omitted. */
  id?: string;
}

export interface BatchFailure {
  /** The item's id, or its index as a string. */
  id: string;
  success: false;
  error: { code: string; message: string; details?: ValidationIssue[] | unknown };
}

/**
 * One item's outcome, in the order sent. On success `id` is the item's id (or index), not
 * the stored image's: the server spreads the generate answer and then sets `id`.
 */
export type BatchResult = GenerateResponse | BatchFailure;

export interface BatchResponse {
  success: true;
  results: BatchResult[];
  summary: { total: number; succeeded: number; failed: number };
}
