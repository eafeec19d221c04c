// Text properties: content, font, size, colour, alignment, spacing, fitting, highlight.
import { type CustomFont, LIMITS, type Layer, type TextLayer, fontWeightValue } from '@layercast/shared';
import { NumberInput, Segmented, Select, Toggle } from '../../ui/controls';
import { useDesigner, useSceneState } from '../context';
import { ColorField } from './ColorField';
import { sharedValue } from './shared-value';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;

const WEIGHT_NAMES: Record<number, string> = {
  100: 'Thin',
  200: 'Extra Light',
  300: 'Light',
  400: 'Regular',
  500: 'Medium',
  600: 'Semibold',
  700: 'Bold',
  800: 'Extra Bold',
  900: 'Black',
};

/** Shown from 80 % of the model's limit on: how many characters are left to type. */
export function characterCount(text: string | null): { text: string; atLimit: boolean } | null {
  const max = LIMITS.maxTextLength;
  if (text === null || text.length < max * 0.8) return null;
  const n = (v: number) => v.toLocaleString('en');
  const atLimit = text.length >= max;
  return {
    text: `${n(text.length)} / ${n(max)} characters${atLimit ? ': the limit' : ''}`,
    atLimit,
  };
}

/** The account's uploaded faces as families: weights and styles each has. */
function customFamilies(faces: readonly CustomFont[]) {
  const byKey = new Map<string, { family: string; registeredAs: string; weights: number[]; styles: string[] }>();
  for (const f of faces) {
    const key = f.family.toLowerCase();
    const entry = byKey.get(key) ?? { family: f.family, registeredAs: f.registeredAs, weights: [], styles: [] };
    if (!entry.weights.includes(f.weight)) entry.weights.push(f.weight);
    if (!entry.styles.includes(f.style)) entry.styles.push(f.style);
    entry.weights.sort((a, b) => a - b);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

export function TextFields({ layers, update }: { layers: TextLayer[]; update: Patch }) {
  const { platform } = useDesigner();
  const { scene } = useSceneState();
  const v = <K extends keyof TextLayer>(k: K) => sharedValue(layers, (l) => (l as TextLayer)[k]) as TextLayer[K] | null;
  const ids = layers.map((l) => l.id).join(',');

  const family = v('fontFamily');
  const custom = customFamilies(platform.catalog.custom);
  const familyInfo =
    custom.find((f) => family !== null && f.family.toLowerCase() === family.toLowerCase()) ??
    platform.catalog.families.find((f) => f.family === family);
  const weights = familyInfo?.weights ?? [100, 200, 300, 400, 500, 600, 700, 800, 900];
  const weight = v('fontWeight');
  const italicAllowed = familyInfo ? familyInfo.styles.includes('italic') : true;
  const single = layers.length === 1 ? layers[0] : undefined;
  const node = single ? scene.nodes.find((n) => n.id === single.id) : undefined;
  const usedSize = node?.type === 'text' ? node.fontSize : null;
  const truncated = node?.type === 'text' && node.truncated;
  const counter = characterCount(v('text'));

  return (
    <div className="stack">
      <label className="field-label" htmlFor="inspector-text">
        Text
      </label>
      <textarea
        id="inspector-text"
        data-testid="text-input"
        className="textarea"
        // Shown as typed: an Arabic or Hebrew text reads right to left here too.
        dir="auto"
        rows={3}
        maxLength={LIMITS.maxTextLength}
        value={v('text') ?? ''}
        placeholder={v('text') === null ? 'Mixed' : 'Type text; use {{variable}} for variables'}
        onChange={(e) => update({ text: e.target.value }, `text:${ids}`)}
        aria-describedby={counter ? 'inspector-text-count' : undefined}
      />
      {counter && (
        <p
          id="inspector-text-count"
          className={`char-count${counter.atLimit ? ' is-limit' : ''}`}
          data-testid="text-count"
          aria-live="polite"
        >
          {counter.text}
        </p>
      )}
      {truncated && (
        <p className="note">
          The text does not fit its box and is cut. Enlarge the box, allow more lines or turn on auto-fit.
        </p>
      )}
      <Select
        label="Font family"
        testId="font-family"
        value={family}
        onChange={(fontFamily) => update({ fontFamily })}
        options={[
          // The account's own families first, each shown in its own face.
          ...custom.map((f) => ({
            value: f.family,
            label: `${f.family} (yours)`,
            style: { fontFamily: `"${f.registeredAs}"` },
          })),
          ...platform.catalog.families
            .filter((f) => f.category !== 'emoji')
            .map((f) => ({ value: f.family, label: f.family })),
        ]}
      />
      <div className="grid-2">
        <Select
          label="Font weight"
          testId="font-weight"
          value={weight === null ? null : fontWeightValue(weight)}
          onChange={(fontWeight) => update({ fontWeight })}
          options={weights.map((w) => ({ value: w, label: `${w} ${WEIGHT_NAMES[w] ?? ''}` }))}
        />
        <NumberInput
          label="Size"
          name="Font size"
          unit="px"
          testId="font-size"
          min={1}
          max={LIMITS.fontSizeMax}
          value={v('fontSize')}
          mixed={v('fontSize') === null}
          onChange={(fontSize) => update({ fontSize })}
        />
      </div>
      {usedSize !== null && single?.autoFit && usedSize !== single.fontSize && (
        <p className="note">Auto-fit draws this text at {usedSize} px.</p>
      )}
      <ColorField label="Colour" testId="text-color" value={v('color')} onChange={(color) => update({ color })} />
      <Segmented
        label="Horizontal alignment"
        value={v('textAlign')}
        onChange={(textAlign) => update({ textAlign })}
        options={[
          { value: 'left', label: '⟸', title: 'Align left' },
          { value: 'center', label: '⟺', title: 'Align centre' },
          { value: 'right', label: '⟹', title: 'Align right' },
          // Follow each paragraph's direction: start is the right edge of Arabic or Hebrew.
          { value: 'start', label: '⇤', title: 'Align to the start of the reading direction' },
          { value: 'end', label: '⇥', title: 'Align to the end of the reading direction' },
        ]}
      />
      <div className="grid-2">
        <Select
          label="Direction"
          testId="text-direction"
          value={v('direction')}
          onChange={(direction) => update({ direction })}
          options={[
            { value: 'auto', label: 'From the text' },
            { value: 'ltr', label: 'Left to right' },
            { value: 'rtl', label: 'Right to left' },
          ]}
        />
        <Segmented
          label="Vertical alignment"
          value={v('verticalAlign')}
          onChange={(verticalAlign) => update({ verticalAlign })}
          options={[
            { value: 'top', label: '⤒', title: 'Align top' },
            { value: 'middle', label: '↕', title: 'Align middle' },
            { value: 'bottom', label: '⤓', title: 'Align bottom' },
          ]}
        />
      </div>
      <div className="grid-2">
        <Toggle
          label="Italic"
          checked={v('fontStyle') === null ? null : v('fontStyle') === 'italic'}
          onChange={(on) => italicAllowed && update({ fontStyle: on ? 'italic' : 'normal' })}
        />
        <Select
          label="Text transform"
          value={v('textTransform')}
          onChange={(textTransform) => update({ textTransform })}
          options={[
            { value: 'none', label: 'As typed' },
            { value: 'uppercase', label: 'UPPERCASE' },
            { value: 'lowercase', label: 'lowercase' },
            { value: 'capitalize', label: 'Capitalize' },
          ]}
        />
      </div>
      <div className="grid-2">
        <NumberInput
          label="Line"
          name="Line height"
          unit="×"
          step={0.05}
          min={LIMITS.lineHeightMin}
          max={LIMITS.lineHeightMax}
          value={v('lineHeight')}
          mixed={v('lineHeight') === null}
          onChange={(lineHeight) => update({ lineHeight })}
        />
        <NumberInput
          label="Spacing"
          name="Letter spacing"
          unit="px"
          step={0.5}
          min={-LIMITS.letterSpacing}
          max={LIMITS.letterSpacing}
          value={v('letterSpacing')}
          mixed={v('letterSpacing') === null}
          onChange={(letterSpacing) => update({ letterSpacing })}
        />
      </div>
      <div className="grid-2">
        <NumberInput
          label="Max lines"
          integer
          min={0}
          max={LIMITS.maxLines}
          value={sharedValue(layers, (l) => (l as TextLayer).maxLines ?? 0)}
          onChange={(n) => update({ maxLines: n === 0 ? null : n })}
        />
        <Select
          label="Overflow"
          value={v('overflow')}
          onChange={(overflow) => update({ overflow })}
          options={[
            { value: 'ellipsis', label: 'Ellipsis …' },
            { value: 'clip', label: 'Clip' },
          ]}
        />
      </div>
      <p className="field-hint">Max lines 0 means as many as fit.</p>
      <Select
        label="Line breaks"
        value={v('wordBreak')}
        onChange={(wordBreak) => update({ wordBreak })}
        options={[
          { value: 'normal', label: 'CJK breaks between characters' },
          { value: 'keep-all', label: 'CJK breaks at spaces only' },
        ]}
      />
      <div className="grid-2">
        <Toggle label="Auto-fit" testId="auto-fit" checked={v('autoFit')} onChange={(autoFit) => update({ autoFit })} />
        <NumberInput
          label="Min"
          name="Minimum font size"
          unit="px"
          min={1}
          max={LIMITS.fontSizeMax}
          value={v('minFontSize')}
          mixed={v('minFontSize') === null}
          onChange={(minFontSize) => update({ minFontSize })}
        />
      </div>
      <div className="grid-2">
        <ColorField
          label="Highlight"
          value={v('background') ?? null}
          onChange={(background) => update({ background })}
          onClear={() => update((l) => ({ ...l, background: undefined }) as Layer)}
        />
        <NumberInput
          label="Padding"
          name="Highlight padding"
          unit="px"
          min={0}
          max={LIMITS.padding}
          value={v('padding')}
          mixed={v('padding') === null}
          onChange={(padding) => update({ padding })}
        />
      </div>
    </div>
  );
}
