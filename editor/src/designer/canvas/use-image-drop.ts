// An image file dropped on the stage is uploaded, then placed as an image layer centred
// where it fell, at most half the canvas in either direction.
import { useState } from 'react';
import { api } from '../../api/client';
import { toCanvasPoint } from '../../state/viewport';
import { useDesigner } from '../context';

export function useImageDrop(
  wrapRef: React.RefObject<HTMLDivElement | null>,
  canvas: { width: number; height: number },
) {
  const { ui, actions } = useDesigner();
  const [dropping, setDropping] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);

  const place = async (file: File, at: { x: number; y: number }) => {
    setDropError(null);
    try {
      const asset = await api.assets.upload(file);
      const scale = Math.min(1, (canvas.width * 0.5) / asset.width, (canvas.height * 0.5) / asset.height);
      const width = Math.max(1, Math.round(asset.width * scale));
      const height = Math.max(1, Math.round(asset.height * scale));
      actions.addLayer('image', {
        src: asset.url,
        width,
        height,
        x: Math.round(at.x - width / 2),
        y: Math.round(at.y - height / 2),
        objectFit: 'contain',
      });
    } catch (error) {
      setDropError(error instanceof Error ? error.message : 'The upload failed');
    }
  };

  const dropHandlers = {
    onDragOver: (e: React.DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDropping(true);
    },
    onDragLeave: () => setDropping(false),
    onDrop: (e: React.DragEvent) => {
      const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
      setDropping(false);
      if (!file) return;
      e.preventDefault();
      const rect = wrapRef.current?.getBoundingClientRect();
      const at = rect
        ? toCanvasPoint(ui.getState().viewport, e.clientX - rect.left, e.clientY - rect.top)
        : { x: canvas.width / 2, y: canvas.height / 2 };
      void place(file, at);
    },
  };

  return { dropping, dropError, dropHandlers };
}
