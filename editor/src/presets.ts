// Canvas size presets for the gallery and the canvas inspector.
export interface SizePreset {
  id: string;
  label: string;
  width: number;
  height: number;
}

export const SIZE_PRESETS: readonly SizePreset[] = [
  { id: 'og', label: 'Open Graph', width: 1200, height: 630 },
  { id: 'x', label: 'X (Twitter) card', width: 1200, height: 675 },
  { id: 'linkedin', label: 'LinkedIn', width: 1200, height: 627 },
  { id: 'facebook', label: 'Facebook', width: 1200, height: 630 },
  { id: 'instagram', label: 'Instagram post', width: 1080, height: 1080 },
  { id: 'story', label: 'Story', width: 1080, height: 1920 },
  { id: 'kakao', label: 'KakaoTalk', width: 800, height: 400 },
];

export function presetFor(width: number, height: number): SizePreset | undefined {
  return SIZE_PRESETS.find((p) => p.width === width && p.height === height);
}
