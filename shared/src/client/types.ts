// Wire types of the Layercast HTTP API, shared by the server's tests, the CLI and the editor.
import type { ValidationIssue } from '../issues';
import type { TemplateDocument } from '../schema';
import type { RenderFormat } from './sign';

export interface ApiErrorBody {
  success: false;
  error: { code: string; message: string; details?: ValidationIssue[] | unknown };
}

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

export type LayerOverridesInput = Record<string, Record<string, unknown>>;

export interface GenerateRequest {
  templateId: string;
  layers?: LayerOverridesInput;
  variables?: Record<string, string>;
  format?: RenderFormat;
  quality?: number;
  scale?: number;
  force?: boolean;
}

export interface GenerateResponse {
  success: true;
  id: string;
  imageUrl: string;
  cached: boolean;
  format: RenderFormat;
  width: number;
  height: number;
  generationMs: number;
  diagnostics: unknown[];
}

export interface BatchItem extends Omit<GenerateRequest, 'force'> {
  id?: string;
}

export type BatchResult = (GenerateResponse & { id: string; itemId?: string }) | (ApiErrorBody & { id?: string; itemId?: string });

export interface BatchResponse {
  success: boolean;
  results: BatchResult[];
  summary: { total: number; succeeded: number; failed: number };
}
