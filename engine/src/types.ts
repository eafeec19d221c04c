// The resolved scene: what layout produces and paint consumes. Every position is final;
// paint never measures, wraps or decides anything.
import type { Diagnostics, Gradient, LineCap } from '@layercast/shared';
import type { BidiRun } from './layout/bidi';

// Defined in shared (the server's responses and the client carry them too); re-exported so
// engine code and its users keep importing them from here.
export type { Diagnostics, ImageDiagnostic, TextDiagnostic } from '@layercast/shared';

/** The subset of a 2D context layout needs to measure text. */
export interface MeasureContext {
  font: string;
  letterSpacing: string;
  measureText(text: string): { width: number };
}

/** Vertical metrics of a font family as fractions of the font size. */
export interface FontMetrics {
  ascent: number;
  descent: number;
}

/** The platform, injected: the node and browser entry points each build one. */
export interface LayoutEnv {
  measure: MeasureContext;
  /** The CSS family list for a family: the family first, then the fallback chain. */
  fontStack(family: string): string;
  /** Metrics of the first family of the stack (unknown families use the default's). */
  metrics(family: string): FontMetrics;
  /** Whether a family is registered; unknown families fall back and are reported. */
  hasFamily(family: string): boolean;
  /**
   * Whether any shipped font has a glyph for the code point; layout draws U+FFFD for those
   * that none has. Omitted means every character is drawn as given.
   */
  hasGlyph?(codePoint: number): boolean;
}

/** Natural pixel size of each loaded image, by source string. */
export type ImageSizes = ReadonlyMap<string, { width: number; height: number }>;

/** Anything the backend's `drawImage` accepts. */
export type PaintImage = object;
export type PaintImages = ReadonlyMap<string, PaintImage>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PaintFill =
  | { type: 'color'; color: string }
  | { type: 'linear'; x0: number; y0: number; x1: number; y1: number; stops: Gradient['stops'] }
  /** An ellipse: the circle of radius `r` about (cx, cy), scaled vertically by `scaleY` about cy. */
  | { type: 'radial'; cx: number; cy: number; r: number; scaleY: number; stops: Gradient['stops'] };

export interface PaintShadow {
  color: string;
  blur: number;
  offsetX: number;
  offsetY: number;
}

export interface PaintStroke {
  color: string;
  width: number;
}

/** A 2D affine matrix in `setTransform` / DOMMatrix order: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

/** A rectangle by its edges. */
export interface Edges {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a node's local box (0,0)-(width,height) sits on the canvas (layout/transform.ts). */
export interface NodeFrame {
  /** Where the box centre is on the canvas. */
  centerX: number;
  centerY: number;
  /** The local point placed at the centre (half the box): Konva's `offsetX`/`offsetY`. */
  pivotX: number;
  pivotY: number;
  /** Degrees clockwise about the centre. */
  rotation: number;
  /** Local frame to canvas: the three steps above as one matrix. */
  matrix: Matrix;
}

/**
 * Geometry layout derives from a node's box and content, once, for every consumer: paint
 * enters `frame` and sizes compositing by `ink`, the editor places its shape by `frame`,
 * selection and snapping use `bounds`.
 */
export interface NodeGeometry {
  frame: NodeFrame;
  /** The axis-aligned bounds of the rotated box, in canvas pixels. */
  bounds: Rect;
  /** What the node can draw (text past the box, strokes, shadows), in its local frame. */
  ink: Edges;
}

/**
 * Common to every node. `x`, `y`, `width`, `height` are the unrotated box in canvas
 * pixels; paint draws a node in its local frame (0,0)-(width,height) and `paintScene`
 * moves it there through `frame`, rotating `rotation` degrees about the box centre.
 */
interface NodeBase extends NodeGeometry {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
  opacity: number;
}

export interface TextLine {
  text: string;
  /** Left edge of the line's ink advance, local to the box. */
  x: number;
  /** Alphabetic baseline, local to the box. */
  baseline: number;
  /** Measured advance width including letter spacing. */
  width: number;
  /**
   * For a line of a right-to-left paragraph or with right-to-left characters: its runs of
   * one direction in visual order, left to right, each drawn with the canvas direction
   * set to its own (`x` local to the line). Lines without are drawn left to right whole.
   */
  runs?: BidiRun[];
}

export interface TextNode extends NodeBase {
  type: 'text';
  /** The CSS font shorthand paint sets, fallback chain included. */
  font: string;
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** The font size actually used (after autoFit). */
  fontSize: number;
  lineHeightPx: number;
  letterSpacing: number;
  color: string;
  lines: TextLine[];
  truncated: boolean;
  /** Highlight boxes behind each line. */
  highlight?: { color: string; rects: Rect[] };
  stroke?: PaintStroke;
  shadow?: PaintShadow;
}

export interface ImageNode extends NodeBase {
  type: 'image';
  src: string;
  /** Null when the image did not load: the layer stays empty. */
  draw: { source: Rect; dest: Rect } | null;
  /** The clip, shadow and stroke outline: the box with `radii` corners, or the ellipse in it. */
  mask: 'rect' | 'ellipse';
  /** Corner radii [top-left, top-right, bottom-right, bottom-left] of a rect mask. */
  radii: CornerRadii;
  /** Colour and blur filters to apply to the image's pixels; null for none. */
  filters: PaintImageFilters | null;
  stroke?: PaintStroke;
  shadow?: PaintShadow;
}

export type CornerRadii = [number, number, number, number];

/**
 * Image filters resolved for paint: each in its neutral value when the document leaves it
 * out, the tint as 0..255 channels.
 */
export interface PaintImageFilters {
  grayscale: number;
  brightness: number;
  contrast: number;
  /** Blur radius in layer pixels. */
  blur: number;
  tint: { r: number; g: number; b: number; amount: number } | null;
}

export interface ShapeNode extends NodeBase {
  type: 'rect' | 'ellipse';
  fill: PaintFill;
  cornerRadius: number;
  stroke?: PaintStroke;
  shadow?: PaintShadow;
}

export interface Point {
  x: number;
  y: number;
}

/** A straight line in its box's local frame, with its arrowheads, all placed by layout. */
export interface LineNode extends NodeBase {
  type: 'line';
  /** The stroked part: from start to end, each end pulled back under its arrowhead if any. */
  from: Point;
  to: Point;
  stroke: PaintStroke;
  /** Dash and gap lengths in pixels; empty for solid. */
  dash: number[];
  lineCap: LineCap;
  /** Filled triangles, the tip first (on the line's start or end point). */
  arrowheads: [Point, Point, Point][];
  shadow?: PaintShadow;
}

/** A regular polygon or a star: a closed path through `vertices`, fitted to the box. */
export interface PolygonNode extends NodeBase {
  type: 'polygon' | 'star';
  vertices: Point[];
  fill: PaintFill;
  stroke?: PaintStroke;
  shadow?: PaintShadow;
}

/** A horizontal run of dark modules in one row of a QR symbol, in module units. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/**
 * A QR symbol with its quiet zone: a square of `count` × `count` modules of `moduleSize`
 * pixels whose top left is (x, y) in the local frame. Paint snaps module edges to device
 * pixels when it can, so every module is a crisp square a scanner reads.
 */
export interface QrSymbol {
  x: number;
  y: number;
  moduleSize: number;
  count: number;
  /** The dark modules, row by row (quiet zone included in the coordinates). */
  runs: QrRun[];
  /** The QR version (1–40) the data needed. */
  version: number;
}

export interface QrNode extends NodeBase {
  type: 'qr';
  color: string;
  /** Null when transparent. */
  background: string | null;
  /** Null when the data could not be encoded (empty, or too long for the level). */
  symbol: QrSymbol | null;
}

export type SceneNode = TextNode | ImageNode | ShapeNode | LineNode | PolygonNode | QrNode;

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A node before layout has derived its geometry. */
export type UnplacedNode = OmitEach<SceneNode, keyof NodeGeometry>;

/**
 * A visible group's own box on the canvas (its groups' transforms composed), for selection
 * and snapping. Paint never reads it: the group's children are in `Scene.nodes`.
 */
export interface GroupBox {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Degrees clockwise on the canvas, the enclosing groups' rotations included. */
  rotation: number;
  frame: NodeFrame;
  bounds: Rect;
}

export interface Scene {
  width: number;
  height: number;
  background: PaintFill;
  backgroundImage: { src: string; source: Rect; dest: Rect } | null;
  /** Visible layers, bottom to top; groups are flattened into their children. */
  nodes: SceneNode[];
  /** Visible groups, outer before inner. */
  groups: GroupBox[];
  diagnostics: Diagnostics;
}

/** Why each image that failed to load failed, by source string. */
export type ImageErrors = ReadonlyMap<string, string>;
