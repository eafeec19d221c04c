// The entry of the `@layercast/client` package: the typed client, render URLs and signing,
// and the API's types. It reaches only shared/src (zod is its one dependency), never the
// engine or the server.
export { createClient, isApiError, templateVersionTag } from './client';
export type { ClientOptions, LayercastClient, TemplateWithEtag } from './client';
export { LayercastApiError, fallbackMessage } from './errors';
export type { ClientErrorCode } from './errors';
export {
  DEFAULT_SIGNATURE_TTL_SECONDS,
  MAX_SIGNATURE_TTL_SECONDS,
  RESERVED_RENDER_PARAMS,
  canonicalQuery,
  hmacSha256Hex,
  renderParams,
  renderUrl,
  rfc3986Encode,
  signParams,
  signedRenderUrl,
} from './sign';
export type { RenderUrlOptions, SignedRenderUrlOptions } from './sign';
export type { AnyTemplate, ForTemplate, TemplateContract } from './typed';
export type * from '../api/index';
export type { TemplateDocument } from '../schema';
