// Two versions side by side, drawn by the engine at the same size, with the pixels that
// differ highlighted over the newer one and their share of the canvas.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DocumentThumbnail } from '../engine/DocumentThumbnail';
import { Button, Spinner } from '../ui/controls';
import { Modal } from '../ui/Modal';
import { useVersionDocument } from './use-version-document';
import { type VersionDiff, diffCanvases, formatShare } from './version-diff';

const SIDE = { width: 340, height: 240 };

export function VersionCompareDialog({
  templateId,
  older,
  newer,
  onClose,
}: {
  templateId: string;
  older: number;
  newer: number;
  onClose(): void;
}) {
  const a = useVersionDocument(templateId, older);
  const b = useVersionDocument(templateId, newer);
  const canvases = useRef<{ a?: HTMLCanvasElement; b?: HTMLCanvasElement }>({});
  const overlay = useRef<HTMLCanvasElement>(null);
  const [diff, setDiff] = useState<VersionDiff | null | 'pending'>('pending');
  const [highlight, setHighlight] = useState(true);

  const compare = useCallback(() => {
    const { a: ca, b: cb } = canvases.current;
    if (ca && cb) setDiff(diffCanvases(ca, cb));
  }, []);
  const onA = useCallback(
    (c: HTMLCanvasElement) => {
      canvases.current.a = c;
      compare();
    },
    [compare],
  );
  const onB = useCallback(
    (c: HTMLCanvasElement) => {
      canvases.current.b = c;
      compare();
    },
    [compare],
  );

  useEffect(() => {
    const target = overlay.current;
    const source = canvases.current.b;
    if (!target || !source || !diff || diff === 'pending') return;
    target.width = diff.mask.width;
    target.height = diff.mask.height;
    target.style.width = source.style.width;
    target.style.height = source.style.height;
    target.getContext('2d')?.putImageData(diff.mask, 0, 0);
  }, [diff]);

  return (
    <Modal
      open
      title={`Compare version ${older} and version ${newer}`}
      onClose={onClose}
      testId="compare-dialog"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {!a.data || !b.data ? (
        <Spinner label="Loading versions" />
      ) : (
        <div className="compare">
          <figure className="compare-side">
            <DocumentThumbnail doc={a.data.jsonData} {...SIDE} label={`Version ${older}`} onDrawn={onA} />
            <figcaption>Version {older}</figcaption>
          </figure>
          <figure className="compare-side">
            <div className="compare-stack">
              <DocumentThumbnail doc={b.data.jsonData} {...SIDE} label={`Version ${newer}`} onDrawn={onB} />
              <canvas
                ref={overlay}
                className="compare-overlay"
                data-testid="diff-overlay"
                hidden={!highlight || !diff || diff === 'pending'}
                aria-hidden
              />
            </div>
            <figcaption>Version {newer}</figcaption>
          </figure>
        </div>
      )}
      <div className="compare-summary">
        <p role="status" data-testid="diff-share" data-share={diff && diff !== 'pending' ? diff.share : undefined}>
          {diff === 'pending'
            ? 'Comparing…'
            : diff
              ? `${formatShare(diff.share)} of pixels differ`
              : 'The canvas size changed, so the pixels cannot be compared one to one.'}
        </p>
        <label className="compare-toggle">
          <input type="checkbox" checked={highlight} onChange={(e) => setHighlight(e.target.checked)} />
          Highlight changed pixels
        </label>
      </div>
    </Modal>
  );
}
