// What every designer component reads: the two stores, the commands and the platform.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorPlatform } from '../engine/platform';
import type { SceneState } from '../engine/use-scene';
import { type DocumentState, type DocumentStore, selectDoc } from '../state/document-store';
import type { UiState, UiStore } from '../state/ui-store';
import type { EditorActions } from './actions';

export interface DesignerContextValue {
  docs: DocumentStore;
  ui: UiStore;
  actions: EditorActions;
  platform: EditorPlatform;
  templateId: string;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);
export const SceneContext = createContext<SceneState | null>(null);

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error('useDesigner outside the designer');
  return value;
}

export function useSceneState(): SceneState {
  const value = useContext(SceneContext);
  if (!value) throw new Error('useSceneState outside the designer');
  return value;
}

export function useDocState<T>(selector: (s: DocumentState) => T): T {
  return useStore(useDesigner().docs, selector);
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useDesigner().ui, selector);
}

export const useDoc = () => useDocState(selectDoc);
