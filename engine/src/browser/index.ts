// The engine's browser entry point: measuring, fonts and images for the editor, which
// lays out and paints with the same engine functions as the server.
export { type BrowserLayoutEnvOptions, createBrowserLayoutEnv } from './layout-env';
export {
  type BrowserFonts,
  type FontFileRef,
  type TextFontRequest,
  createBrowserFonts,
  fallbackFamiliesFor,
  unicodeRangeOf,
} from './fonts';
export { type CustomFontFace, mergeCoverage, withCustomFonts } from '../custom-fonts';
export { browserLayerSurfaces } from './surfaces';
export {
  type BrowserImage,
  type LoadImageOptions,
  type LoadedImages,
  loadBrowserImage,
  loadBrowserImages,
} from './images';
export { configureBrowserSvg, parseBrowserSvg } from './svg';
// The editor lists families and weights from the same catalog the node backend registers.
export {
  DEFAULT_FAMILY,
  FONT_FAMILIES,
  type FontFamilyInfo,
  type FontStyleName,
  fontStack,
  resolveFamily,
} from '../fonts-catalog';
