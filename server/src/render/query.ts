// GET /api/render's query string → RenderParams. `layers` may arrive URL-encoded or raw as
// seed 001 writes it (`layers={"title":{"text":"Hello World"}}`); both decode the same.
// Every parameter that is not reserved is shorthand for one layer: text layers take it as
// `text`, image layers as `image_url`, QR codes as `data`, lines as `stroke`, shapes as `fill`.
import {
  type Layer,
  RESERVED_RENDER_PARAMS,
  allLayers,
  formatPath,
  issuesFromZod,
  renderOptionFields,
} from '@layercast/shared';
import { z } from 'zod';
import { ApiError, validationError } from '../errors';
import { parseUntrustedJson } from '../http/json-text';
import type { RenderParams } from './request';

export const MAX_LAYERS_QUERY_BYTES = 8 * 1024;
export const MAX_QUERY_BYTES = 16 * 1024;

/** Decoded parameters, each at most once. */
/** The property `?<layer name>=<value>` sets, by layer kind; groups have none. */
export const SHORTHAND: Record<Layer['type'], string | null> = {
  group: null,
  text: 'text',
  image: 'image_url',
  qr: 'data',
  line: 'stroke',
  rect: 'fill',
  ellipse: 'fill',
  polygon: 'fill',
  star: 'fill',
};

export function readQuery(querystring: string): Record<string, string> {
  if (Buffer.byteLength(querystring) > MAX_QUERY_BYTES) {
    throw new ApiError(414, 'query_too_long', `the query string is longer than ${MAX_QUERY_BYTES / 1024} KB`);
  }
  // Null prototype: `__proto__` is a parameter like any other (on `{}` assigning it would set
  // the prototype and the parameter would vanish, unsigned and unchecked).
  const params: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(querystring)) {
    if (Object.hasOwn(params, name))
      throw new ApiError(400, 'duplicate_parameter', `the parameter "${name}" appears more than once`);
    params[name] = value;
  }
  if (params.layers !== undefined && Buffer.byteLength(params.layers) > MAX_LAYERS_QUERY_BYTES) {
    throw new ApiError(
      414,
      'query_too_long',
      `layers is longer than ${MAX_LAYERS_QUERY_BYTES / 1024} KB; use POST /api/generate`,
    );
  }
  return params;
}

function parseJsonParam(name: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return parseUntrustedJson(
    text,
    () =>
      new ApiError(
        400,
        'malformed_json',
        `${name} is not valid JSON; expected e.g. ${name}={"title":{"text":"Hello"}}`,
        [{ path: name, message: 'expected JSON' }],
      ),
  );
}

const QueryOptionsSchema = z.strictObject(renderOptionFields);

/**
 * A plain decimal (`2`, `1.5`) becomes a number; anything else (`0x2`, `1e1`, ` 2`,
 * `Infinity`, which Number() would all accept) stays a string for the schema to refuse.
 */
const numberOrRaw = (raw: string | undefined) => (raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);

export function paramsFromQuery(params: Readonly<Record<string, string>>, layers: readonly Layer[]): RenderParams {
  const options = QueryOptionsSchema.safeParse({
    ...(params.format !== undefined ? { format: params.format } : {}),
    ...(params.quality !== undefined ? { quality: numberOrRaw(params.quality) } : {}),
    ...(params.scale !== undefined ? { scale: numberOrRaw(params.scale) } : {}),
  });
  if (!options.success) throw validationError('invalid_request', issuesFromZod(options.error));

  const overrides = parseJsonParam('layers', params.layers);
  const isMap =
    overrides === undefined || (overrides !== null && typeof overrides === 'object' && !Array.isArray(overrides));
  const merged: Record<string, unknown> = isMap && overrides ? { ...(overrides as object) } : {};
  // Layers inside groups are addressed by their names too.
  const everyLayer = allLayers(layers);
  const byName = new Map(everyLayer.map((l) => [l.name, l]));
  const unknown: string[] = [];
  const groups: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if ((RESERVED_RENDER_PARAMS as readonly string[]).includes(name)) continue;
    const layer = byName.get(name);
    if (!layer) {
      unknown.push(name);
      continue;
    }
    const key = SHORTHAND[layer.type];
    if (key === null) {
      groups.push(name);
      continue;
    }
    const existing = merged[name];
    merged[name] = { ...(existing && typeof existing === 'object' ? existing : {}), [key]: value };
  }
  if (groups.length) {
    throw validationError(
      'invalid_overrides',
      groups.map((name) => ({
        path: formatPath([name]),
        message: `"${name}" is a group, which has no shorthand; set visible, opacity, x or y in layers={"${name}":{...}}`,
      })),
    );
  }
  if (unknown.length) {
    const names = everyLayer.map((l) => l.name).join(', ') || '(none)';
    throw validationError(
      'invalid_overrides',
      unknown.map((name) => ({
        path: formatPath([name]),
        message: `not a render parameter and the template has no layer named "${name}"; its layers are: ${names}`,
      })),
    );
  }
  return {
    templateId: params.templateId ?? '',
    // A `layers` that is not an object goes through unchanged for the validator to name.
    layers: isMap ? merged : overrides,
    variables: parseJsonParam('variables', params.variables),
    format: options.data.format,
    quality: options.data.quality,
    scale: options.data.scale,
    ...(params.variant !== undefined ? { variant: params.variant } : {}),
    force: false,
  };
}
