// Rows of templates and their saved versions. Booleans are 0/1 integers so the same
// queries run on SQLite and Postgres.

export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  description: string;
  /** The validated, normalized template document as JSON text. */
  json_data: string;
  preview_url: string | null;
  is_public: number;
  /** Bumped by every save that changes something; part of the render cache key. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TemplateVersionsTable {
  template_id: string;
  version: number;
  name: string;
  description: string;
  json_data: string;
  preview_url: string | null;
  is_public: number;
  created_at: string;
  /** `editor`, `api_key` or `cli`; null for versions saved before it was recorded. */
  saved_via: string | null;
  /** The API key's name when a key saved it. */
  saved_by: string | null;
}

export interface TemplatesTables {
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
}
