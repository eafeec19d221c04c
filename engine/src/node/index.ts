// @layercast/engine/node: the Skia backend (fonts, images, encoders, renderTemplate).
export { DEFAULT_FAMILY, FALLBACK_FAMILIES, fontStack, hasFamily, registeredName } from '../fonts-catalog';
export {
  type FontFamilyListing,
  type FontFile,
  familyCoverage,
  fontMetrics,
  glyphCoverage,
  hasGlyph,
  listFonts,
  registerFonts,
} from './fonts';
export { nodeLayoutEnv } from './layout-env';
export * from './limits';
export { defaultFontCacheDir, ensurePrivateDir } from './font-weight-patch';
export {
  type FontDescription,
  FontFileError,
  type NodeCustomFontFace,
  describeFont,
  fontFormatOf,
  registerCustomFonts,
  withDeclaredWeight,
} from './custom-fonts';
export { SvgError, parseSvg } from './svg';
export {
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageProbe,
  type LoadedImage,
  type ProbedImage,
  createImageLoader,
  decodeImageBytes,
  probeImageBytes,
  DEFAULT_DATA_URL_CACHE,
} from './images';
export { DecodedCache, type DecodedCacheLimits } from './decoded-cache';
export {
  type EncodeOptions,
  MIME_TYPES,
  OUTPUT_FORMATS,
  type OutputFormat,
  RASTER_FORMATS,
  type RasterFormat,
  encodeCanvas,
} from './encode';
export { type PlaceholderOptions, placeholderWebp } from './placeholder';
export { type RenderSurface, createSurface } from './surface';
export {
  type RenderInput,
  type RenderOptions,
  RenderOptionsError,
  type RenderResult,
  renderTemplate,
} from './render';
