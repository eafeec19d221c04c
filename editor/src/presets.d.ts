export interface SizePreset {
  id: string;
  label: string;
  width: number;
  height: number;
}
export declare const SIZE_PRESETS: readonly SizePreset[];
export declare function presetFor(width: number, height: number): SizePreset | undefined;
