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
export { defaultFontCacheDir, ensurePrivateDir } from './font-weight-patch';
export {
  FONT_MIME_TYPES,
  type FontDescription,
  type FontFormat,
  FontFileError,
  MAX_FONT_BYTES,
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
  ImageLoadError,
  MAX_TOTAL_IMAGE_PIXELS,
  allotImagePixels,
  createImageLoader,
  decodeImageBytes,
  decodeDataUrl,
  probeImageBytes,
  totalPixelsMessage,
  DEFAULT_DATA_URL_CACHE,
} from './images';
export { DecodedCache, type DecodedCacheLimits } from './decoded-cache';
export {
  DEFAULT_QUALITY,
  type EncodeOptions,
  MIME_TYPES,
  OUTPUT_FORMATS,
  type OutputFormat,
  RASTER_FORMATS,
  type RasterFormat,
  encodeCanvas,
} from './encode';
export { MAX_GIF_FRAMES, MAX_IMAGE_ASPECT, MAX_IMAGE_SIDE, gifFrameCount, imageShapeProblem } from './image-shape';
export { type PlaceholderOptions, placeholderWebp } from './placeholder';
export { type RenderSurface, createSurface } from './surface';
export {
  MAX_OUTPUT_PIXELS,
  type RenderInput,
  type RenderOptions,
  RenderOptionsError,
  type RenderResult,
  renderTemplate,
} from './render';
