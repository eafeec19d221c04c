// Properties of the vector kinds: a line's ends, dash, cap and arrowheads; a polygon's
// sides; a star's points and depth; a QR code's data, colours, level and quiet zone.
import {
  LIMITS,
  LINE_CAPS,
  type Layer,
  type LineLayer,
  QR_ERROR_CORRECTION,
  type QrLayer,
  type StarLayer,
} from '@layercast/shared';
import { NumberInput, Select, Toggle } from '../../ui/controls';
import { useSceneState } from '../context';
import { ColorField } from './ColorField';
import { sharedValue } from './shared-value';
import { useDraftText } from './use-draft-text';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;

const CAP_LABELS: Record<LineLayer['lineCap'], string> = { butt: 'Flat', round: 'Round', square: 'Square' };

/** `4 4` or `12, 6` → [4, 4] / [12, 6]; empty → solid. */
function parseDash(text: string): number[] | string {
  if (text.trim() === '') return [];
  const parts = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.some((n) => !Number.isFinite(n) || n < 0 || n > LIMITS.dashLength))
    return `Use lengths from 0 to ${LIMITS.dashLength}, e.g. 12 6`;
  if (parts.length > LIMITS.maxDashEntries) return `Use at most ${LIMITS.maxDashEntries} lengths`;
  if (!parts.some((n) => n > 0)) return 'Use at least one length above 0';
  return parts;
}

function DashField({ value, onChange }: { value: number[] | null; onChange(dash: number[]): void }) {
  const { text, setText, error, commit } = useDraftText(value === null ? '' : value.join(' '), (raw) => {
    const dash = parseDash(raw);
    if (typeof dash === 'string') return dash;
    if (JSON.stringify(dash) !== JSON.stringify(value)) onChange(dash);
    return null;
  });
  return (
    <div className={`num${error ? ' has-error' : ''}`}>
      <label className="num-label" htmlFor="inspector-line-dash">
        Dash
      </label>
      <input
        id="inspector-line-dash"
        className="input"
        placeholder={value === null ? 'Mixed' : 'Solid'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'inspector-line-dash-error' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
      />
      {error && (
        <span className="num-error" role="alert" id="inspector-line-dash-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function LineFields({ layers, update }: { layers: LineLayer[]; update: Patch }) {
  const v = <K extends keyof LineLayer>(k: K) => sharedValue(layers, (l) => (l as LineLayer)[k]) as LineLayer[K] | null;
  const end = (k: 'x1' | 'y1' | 'x2' | 'y2', label: string, name: string) => {
    const value = v(k);
    return (
      <NumberInput
        label={label}
        name={name}
        unit="%"
        min={0}
        max={100}
        value={value === null ? null : Math.round(value * 1000) / 10}
        mixed={value === null}
        onChange={(n) => update({ [k]: n / 100 })}
      />
    );
  };
  return (
    <div className="stack">
      <div className="grid-2">
        <ColorField label="Colour" name="Line colour" value={v('stroke')} onChange={(stroke) => update({ stroke })} />
        <NumberInput
          label="Width"
          name="Line width"
          unit="px"
          min={0.5}
          max={LIMITS.strokeWidth}
          value={v('strokeWidth')}
          mixed={v('strokeWidth') === null}
          onChange={(strokeWidth) => update({ strokeWidth })}
        />
      </div>
      <div className="grid-2">
        {end('x1', 'Start X', 'Start X, % of the box width')}
        {end('y1', 'Start Y', 'Start Y, % of the box height')}
        {end('x2', 'End X', 'End X, % of the box width')}
        {end('y2', 'End Y', 'End Y, % of the box height')}
      </div>
      <div className="grid-2">
        <DashField value={v('dash')} onChange={(dash) => update({ dash })} />
        <Select
          label="Line cap"
          value={v('lineCap')}
          options={LINE_CAPS.map((c) => ({ value: c, label: CAP_LABELS[c] }))}
          onChange={(lineCap) => update({ lineCap })}
        />
      </div>
      <div className="grid-2">
        <Toggle
          label="Start arrow"
          testId="prop-start-arrow"
          checked={v('startArrow')}
          onChange={(startArrow) => update({ startArrow })}
        />
        <Toggle
          label="End arrow"
          testId="prop-end-arrow"
          checked={v('endArrow')}
          onChange={(endArrow) => update({ endArrow })}
        />
      </div>
    </div>
  );
}

export function PolygonFields({ layers, update }: { layers: Layer[]; update: Patch }) {
  const sides = sharedValue(layers, (l) => (l.type === 'polygon' ? l.sides : undefined)) ?? null;
  return (
    <NumberInput
      label="Sides"
      name="Polygon sides"
      testId="prop-sides"
      integer
      min={LIMITS.polygonSidesMin}
      max={LIMITS.polygonSidesMax}
      value={sides}
      mixed={sides === null}
      onChange={(n) => update({ sides: n })}
    />
  );
}

export function StarFields({ layers, update }: { layers: StarLayer[]; update: Patch }) {
  const points = sharedValue(layers, (l) => (l as StarLayer).points);
  const ratio = sharedValue(layers, (l) => (l as StarLayer).innerRatio);
  return (
    <div className="grid-2">
      <NumberInput
        label="Points"
        name="Star points"
        testId="prop-points"
        integer
        min={LIMITS.starPointsMin}
        max={LIMITS.starPointsMax}
        value={points}
        mixed={points === null}
        onChange={(n) => update({ points: n })}
      />
      <NumberInput
        label="Inner"
        name="Inner radius, % of the outer"
        unit="%"
        min={10}
        max={100}
        value={ratio === null ? null : Math.round(ratio * 1000) / 10}
        mixed={ratio === null}
        onChange={(n) => update({ innerRatio: n / 100 })}
      />
    </div>
  );
}

const LEVEL_LABELS: Record<QrLayer['errorCorrection'], string> = {
  L: 'L — 7 % can be damaged',
  M: 'M — 15 %',
  Q: 'Q — 25 %',
  H: 'H — 30 %',
};

export function QrFields({ layers, update }: { layers: QrLayer[]; update: Patch }) {
  const { scene } = useSceneState();
  const v = <K extends keyof QrLayer>(k: K) => sharedValue(layers, (l) => (l as QrLayer)[k]) as QrLayer[K] | null;
  const ids = layers.map((l) => l.id).join(',');
  const single = layers.length === 1 ? layers[0] : undefined;
  const node = single ? scene.nodes.find((n) => n.id === single.id) : undefined;
  const unencodable = node?.type === 'qr' && node.symbol === null;
  const data = v('data');
  return (
    <div className="stack">
      <label className="field-label" htmlFor="inspector-qr-data">
        Data
      </label>
      <textarea
        id="inspector-qr-data"
        data-testid="qr-data-input"
        className="textarea"
        rows={3}
        maxLength={LIMITS.maxQrData}
        value={data ?? ''}
        placeholder={data === null ? 'Mixed' : 'A URL or text; use {{variable}} for variables'}
        onChange={(e) => update({ data: e.target.value }, `qr-data:${ids}`)}
        aria-describedby={unencodable ? 'inspector-qr-data-error' : undefined}
      />
      {unencodable && (
        <p className="note" id="inspector-qr-data-error" role="alert">
          {single && (single as QrLayer).data === ''
            ? 'Enter the text or URL the code holds.'
            : 'Too much data for a QR code at this error correction level: shorten it or choose a lower level.'}
        </p>
      )}
      <div className="stack">
        <ColorField label="Colour" name="QR colour" value={v('color')} onChange={(color) => update({ color })} />
        <ColorField
          label="Background"
          name="QR background"
          value={v('background')}
          onChange={(background) => update({ background })}
          onClear={() => update({ background: 'transparent' })}
        />
      </div>
      <div className="grid-2">
        <Select
          label="Error correction"
          value={v('errorCorrection')}
          options={QR_ERROR_CORRECTION.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
          onChange={(errorCorrection) => update({ errorCorrection })}
        />
        <NumberInput
          label="Margin"
          name="Quiet zone, in modules"
          unit="mod"
          integer
          min={0}
          max={LIMITS.qrQuietZoneMax}
          value={v('quietZone')}
          mixed={v('quietZone') === null}
          onChange={(quietZone) => update({ quietZone })}
        />
      </div>
    </div>
  );
}
