// Typed calls to the Layercast API (DESIGN.md §4), as the editor uses them.
import type { TemplateDocumentInput } from '@layercast/shared';
import { getJson, request, setCsrfToken } from './http';

export interface Account {
  id: string;
  email: string;
  createdAt: string;
}

interface SessionBody {
  account: Account;
  csrfToken?: string;
}

export async function fetchMe(): Promise<Account | null> {
  try {
    const me = await getJson<SessionBody>('/api/auth/me');
    setCsrfToken(me.csrfToken ?? null);
    return me.account;
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null;
    throw error;
  }
}

export async function signIn(mode: 'login' | 'signup', email: string, password: string): Promise<Account> {
  const { data } = await request<SessionBody>('POST', `/api/auth/${mode}`, { body: { email, password } });
  setCsrfToken(data.csrfToken ?? null);
  return data.account;
}

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  isPublic: boolean;
  previewUrl: string | null;
  width: number;
  height: number;
  version: number;
  updatedAt: string;
}

export interface TemplateRecord extends TemplateSummary {
  jsonData: unknown;
  /** The ETag to send as If-Match on the next save. */
  etag: string | null;
}

type RawTemplate = Partial<TemplateRecord> & { id: string; jsonData?: { canvas?: { width?: number; height?: number } } };

function toSummary(raw: RawTemplate): TemplateSummary {
  return {
    id: raw.id,
    name: raw.name ?? 'Untitled',
    description: raw.description ?? '',
    isPublic: raw.isPublic ?? false,
    previewUrl: raw.previewUrl ?? null,
    width: raw.width ?? raw.jsonData?.canvas?.width ?? 0,
    height: raw.height ?? raw.jsonData?.canvas?.height ?? 0,
    version: raw.version ?? 0,
    updatedAt: raw.updatedAt ?? '',
  };
}

const unwrap = (body: unknown): RawTemplate => {
  const b = body as { template?: RawTemplate } & RawTemplate;
  return b.template ?? b;
};

export async function listTemplates(): Promise<TemplateSummary[]> {
  const body = await getJson<{ templates?: RawTemplate[]; items?: RawTemplate[] } | RawTemplate[]>('/api/templates');
  const rows = Array.isArray(body) ? body : (body.templates ?? body.items ?? []);
  return rows.map(toSummary);
}

export async function getTemplate(id: string): Promise<TemplateRecord> {
  const { data, headers } = await request<unknown>('GET', `/api/templates/${encodeURIComponent(id)}`);
  const raw = unwrap(data);
  return { ...toSummary(raw), jsonData: raw.jsonData, etag: headers.get('etag') };
}

export interface TemplateWrite {
  name?: string;
  description?: string;
  jsonData?: TemplateDocumentInput;
  isPublic?: boolean;
  previewUrl?: string | null;
}

export async function createTemplate(input: TemplateWrite & { name: string; jsonData: TemplateDocumentInput }): Promise<TemplateRecord> {
  const { data, headers } = await request<unknown>('POST', '/api/templates', { body: input });
  const raw = unwrap(data);
  return { ...toSummary(raw), jsonData: raw.jsonData ?? input.jsonData, etag: headers.get('etag') };
}

/** PUT with If-Match when `etag` is given: a 412 means someone saved in between. */
export async function updateTemplate(id: string, input: TemplateWrite, etag: string | null): Promise<TemplateRecord> {
  const { data, headers } = await request<unknown>('PUT', `/api/templates/${encodeURIComponent(id)}`, {
    body: input,
    headers: etag ? { 'If-Match': etag } : {},
  });
  const raw = unwrap(data);
  return { ...toSummary(raw), jsonData: raw.jsonData ?? input.jsonData, etag: headers.get('etag') };
}

export async function deleteTemplate(id: string): Promise<void> {
  await request('DELETE', `/api/templates/${encodeURIComponent(id)}`);
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
  signingSecret: string;
}

export const listKeys = async () => (await getJson<{ keys: ApiKey[] }>('/api/keys')).keys;
export const createKey = async (name: string) => (await request<CreatedApiKey>('POST', '/api/keys', { body: { name } })).data;
export const revokeKey = async (id: string) => {
  await request('DELETE', `/api/keys/${encodeURIComponent(id)}`);
};
export const fetchSigningSecret = async (id: string) =>
  (await getJson<{ keyId: string; signingSecret: string }>(`/api/keys/${encodeURIComponent(id)}/signing-secret`)).signingSecret;

export interface Usage {
  month: string;
  renders: number;
  quota: number | null;
  perMinute: number | null;
  raw: Record<string, unknown>;
}

export async function fetchUsage(): Promise<Usage> {
  const raw = await getJson<Record<string, unknown>>('/api/usage');
  const num = (...keys: string[]) => {
    for (const k of keys) {
      const v = k.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), raw);
      if (typeof v === 'number') return v;
    }
    return null;
  };
  return {
    month: typeof raw.month === 'string' ? raw.month : (typeof raw.period === 'string' ? raw.period : ''),
    renders: num('renders', 'used', 'month.renders', 'usage.renders', 'monthly.used') ?? 0,
    quota: num('quota', 'monthlyQuota', 'month.quota', 'limits.monthly', 'monthly.limit'),
    perMinute: num('perMinute', 'ratePerMinute', 'rate.perMinute', 'limits.perMinute', 'rate.limit'),
    raw,
  };
}

export interface UploadedAsset {
  url: string;
  width?: number;
  height?: number;
}

export async function uploadAsset(file: File): Promise<UploadedAsset> {
  const { data } = await request<UploadedAsset & { asset?: UploadedAsset }>('POST', '/api/assets', {
    body: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
  });
  return data.asset ?? data;
}

export interface GenerateResult {
  id: string;
  imageUrl: string;
  cached: boolean;
  width: number;
  height: number;
  generationMs: number | null;
  diagnostics?: {
    layers: Record<string, { type: string; fontSize?: number; truncated?: boolean; lines?: number; fontFallback?: string; loaded?: boolean; error?: string }>;
    missingGlyphs?: string[];
    background?: { loaded: boolean; error?: string };
  };
}

/** Renders a saved template through the server (session-authenticated). */
export async function generate(body: { templateId: string; layers?: unknown; variables?: unknown; format?: string }): Promise<GenerateResult> {
  return (await request<GenerateResult>('POST', '/api/generate', { body })).data;
}
