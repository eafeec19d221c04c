export * from './types';
export * from './layout/template';
export { layoutText, wrapText } from './layout/text';
export { cornerRadii, fitCroppedImage, fitImage, paintFilters } from './layout/image';
export { frameOf, rotatedBounds, transformedBounds, unionBounds } from './layout/transform';
export { boxBounds, inkBounds, lineHitShapes } from './hit';
export { placeFill } from './layout/fill';
export { type BidiRun, firstStrongDirection, visualRuns } from './layout/bidi';
export { tokenize, splitGraphemes, applyTextTransform } from './layout/segment';
export {
  type LayerSurface,
  type LayerSurfaceFactory,
  type PaintOptions,
  paintScene,
  paintLayer,
  paintBackground,
  enterNodeFrame,
} from './paint/paint';
export { filteredImage } from './paint/image-filters';
export { type CoverageRanges, REPLACEMENT_CHARACTER, coverageLookup, rangesOf, replaceMissingGlyphs } from './coverage';
export { type CustomFontFace, withCustomFonts } from './custom-fonts';
export {
  MAX_SVG_BYTES,
  MAX_SVG_DEPTH,
  MAX_SVG_ELEMENTS,
  MAX_SVG_RASTER_PIXELS,
  MAX_SVG_SIDE,
  MAX_SVG_TREE_NODES,
  MAX_SVG_WORK,
  type PlannedRaster,
  type RasterImage,
  type VectorImage,
  isVectorImage,
  looksLikeSvg,
  memoizeRasters,
  plannedRasters,
  rasterPixels,
  svgProblem,
  svgSizeProblem,
  svgTreeWeight,
  unpremultiply,
  vectorRasterWidth,
} from './svg';
