// What the engine did with each layer of one render: the fitted font size, truncation, images
// that did not load. Layout produces it; the server returns it from POST /api/generate; the
// editor and the CLI show it. One definition here so all three read the same shape.

export interface TextDiagnostic {
  type: 'text';
  /** The font size actually used (after autoFit). */
  fontSize: number;
  truncated: boolean;
  lines: number;
  /** Set when the family is not registered and the default was used. */
  fontFallback?: string;
  /** Set when the text with its variables filled in was cut to the layout limit. */
  textCut?: string;
}

export interface ImageDiagnostic {
  type: 'image';
  loaded: boolean;
  /** Why the image was not drawn (a blocked address, a timeout, not an image). */
  error?: string;
}

export interface Diagnostics {
  /** By layer name: every visible text and image layer (shapes have nothing to report). */
  layers: Record<string, TextDiagnostic | ImageDiagnostic>;
  /** Characters no registered font can draw. */
  missingGlyphs: string[];
  /** Canvas background image, when one is set. */
  background?: ImageDiagnostic;
  /** What the output format could not carry (SVG: colour emoji, shadow blur). */
  warnings?: string[];
}
