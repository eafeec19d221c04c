// One layout per document change, consumed everywhere: paint, hit boxes, selection bounds
// and snapping all read this scene; nothing in the editor measures text on its own.
import { type LayoutInput, type Scene, collectImageSources, layoutTemplate, resolveDocument } from '@layercast/engine';
import type { TextFontRequest } from '@layercast/engine/browser';
import {
  type TemplateDocument,
  type VariableValues,
  allLayers,
  fontWeightValue,
  substituteVariables,
} from '@layercast/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { type ImageMaps, imageCache, imageMaps, requestImages } from './image-cache';
import type { EditorPlatform } from './platform';

export function textFontRequests(doc: TemplateDocument, variables: VariableValues = {}): TextFontRequest[] {
  const out: TextFontRequest[] = [];
  for (const layer of allLayers(doc.layers)) {
    if (layer.type !== 'text') continue;
    out.push({
      family: layer.fontFamily,
      weight: fontWeightValue(layer.fontWeight),
      style: layer.fontStyle,
      text: substituteVariables(layer.text, doc, variables),
    });
  }
  return out;
}

/** Increments whenever a font face finishes loading, whoever started the load. */
function useFontVersion(platform: EditorPlatform): number {
  const [version, setVersion] = useState(0);
  useEffect(() => platform.fonts.onChange(() => setVersion((v) => v + 1)), [platform]);
  return version;
}

export interface SceneState {
  scene: Scene;
  images: ImageMaps;
  /** False until the fonts the document needs have been loaded once. */
  fontsReady: boolean;
}

/**
 * `sample` draws trial overrides and variables instead of the template's own values (the
 * "Preview data" switch): its `effective` document says which fonts and images they need.
 */
export function useScene(
  platform: EditorPlatform,
  doc: TemplateDocument,
  sample?: { input: LayoutInput; effective: TemplateDocument },
): SceneState {
  const fontVersion = useFontVersion(platform);
  const [fontsReady, setFontsReady] = useState(false);
  const drawn = sample?.effective ?? doc;
  const input = sample?.input;
  const requests = useMemo(() => textFontRequests(drawn, input?.variables), [drawn, input]);
  // A key that changes only when the fonts or characters needed change, not on every edit.
  const requestKey = useMemo(() => {
    const parts = new Set<string>();
    for (const r of requests) parts.add(`${r.family}|${r.weight}|${r.style}|${[...new Set(r.text)].sort().join('')}`);
    return [...parts].sort().join('\n');
  }, [requests]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: requestKey stands for requests
  useEffect(() => {
    let live = true;
    platform.fonts.ensure(requests).finally(() => {
      if (live) setFontsReady(true);
    });
    return () => {
      live = false;
    };
  }, [platform, requestKey]);

  // Sources as layout resolves them: overrides applied and `{{variables}}` in a src filled in.
  const srcs = useMemo(() => collectImageSources(resolveDocument(doc, input ?? {})), [doc, input]);
  useEffect(() => requestImages(srcs), [srcs]);
  const entries = useStore(imageCache, (s) => s.entries);
  const images = useMemo(() => imageMaps(entries, srcs), [entries, srcs]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fontVersion invalidates measurements
  const scene = useMemo(
    () => layoutTemplate(doc, input ?? {}, { ...platform.env, images: images.sizes, imageErrors: images.errors }),
    [doc, input, platform, images, fontVersion],
  );
  return { scene, images, fontsReady };
}

/** Re-renders on every image cache change; for components that only need to know. */
export function useImageCacheVersion(): number {
  return useSyncExternalStore(imageCache.subscribe, () => imageCache.getState().version);
}
