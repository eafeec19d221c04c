// Group layers: the tree validates with JSON paths into children, names are unique across
// it, depth and count are limited, and overrides address a group or a child by name.
import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  type GroupLayer,
  LIMITS,
  allLayers,
  applyOverrides,
  loadTemplate,
  migrateDocument,
  overridableProperties,
  parseOverrides,
  parseTemplate,
  renderContractJsonSchema,
  resolveVariant,
  scaleToVariant,
} from '../src/index';
import { type Json, lines, rejectionOf } from './helpers';

const badge = (children: Json[], extra: Json = {}): Json => ({
  type: 'group',
  name: 'badge',
  x: 100,
  y: 50,
  width: 300,
  height: 120,
  layers: children,
  ...extra,
});

const doc = (layers: Json[]): Json => ({ version: CURRENT_VERSION, canvas: { width: 800, height: 600 }, layers });

const twoChildren = () => [
  { type: 'rect', name: 'plate', width: 300, height: 120, fill: '#1d4ed8' },
  { type: 'text', name: 'title', x: 20, y: 30, width: 260, height: 60, text: 'Hi' },
];

describe('group layers', () => {
  it('parses a group with defaults and ids filled in at every depth', () => {
    const parsed = loadTemplate(doc([badge(twoChildren())]));
    const group = parsed.layers[0] as GroupLayer;
    expect(group).toMatchObject({ type: 'group', id: 'badge', rotation: 0, opacity: 1, visible: true, locked: false });
    expect(group.layers.map((l) => [l.id, l.type])).toEqual([
      ['plate', 'rect'],
      ['title', 'text'],
    ]);
    expect(group.layers[1]).toMatchObject({ fontSize: 48, color: '#111827' });
    expect(allLayers(parsed.layers).map((l) => l.name)).toEqual(['badge', 'plate', 'title']);
  });

  it('names the JSON path of a bad child', () => {
    expect(lines(rejectionOf(doc([badge([{ type: 'rect', name: 'plate', width: 0, height: 10 }])])))).toEqual([
      'layers[0].layers[0].width: expected a number from 1 to 10000',
    ]);
    expect(lines(rejectionOf(doc([badge([{ type: 'blob', name: 'x', width: 5, height: 5 }])])))).toEqual([
      'layers[0].layers[0].type: expected type to be one of text, image, rect, ellipse, line, polygon, star, qr, group',
    ]);
    expect(lines(rejectionOf(doc([badge([])])))).toEqual(['layers[0].layers: expected at least one layer in a group']);
    expect(lines(rejectionOf(doc([badge(twoChildren(), { fill: 'red' })])))).toEqual([
      'layers[0].fill: unknown property',
    ]);
  });

  it('requires names and ids unique across the whole tree', () => {
    const issues = lines(
      rejectionOf(
        doc([
          { type: 'text', name: 'title', width: 10, height: 10 },
          badge([...twoChildren(), { type: 'ellipse', name: 'badge', width: 5, height: 5 }]),
        ]),
      ),
    );
    expect(issues).toContain('layers[1].layers[1].name: expected a unique name; "title" is also the name of layers[0]');
    expect(issues).toContain('layers[1].layers[2].name: expected a unique name; "badge" is also the name of layers[1]');
  });

  it('limits nesting depth and the layer count including children', () => {
    let tree: Json = { type: 'rect', name: 'leaf', width: 5, height: 5 };
    for (let depth = LIMITS.maxGroupDepth; depth >= 1; depth--) {
      tree = { type: 'group', name: `g${depth}`, width: 10, height: 10, layers: [tree] };
    }
    expect(parseTemplate(doc([tree])).ok).toBe(true);
    const tooDeep = { type: 'group', name: 'g0', width: 10, height: 10, layers: [tree] };
    expect(lines(rejectionOf(doc([tooDeep])))).toEqual([
      `layers[0].layers[0].layers[0].layers[0].layers[0].layers: expected groups nested at most ${LIMITS.maxGroupDepth} deep`,
    ]);

    const children = Array.from({ length: LIMITS.maxLayers }, (_, i) => ({
      type: 'rect',
      name: `r${i}`,
      width: 5,
      height: 5,
    }));
    expect(lines(rejectionOf(doc([badge(children)])))).toEqual([
      `layers: expected at most ${LIMITS.maxLayers} layers counting the layers inside groups; there are ${LIMITS.maxLayers + 1}`,
    ]);
  });

  it('carries a version-3 document over unchanged', () => {
    const v3 = {
      version: 3,
      canvas: { width: 100, height: 100 },
      layers: [{ type: 'rect', name: 'r', width: 5, height: 5 }],
    };
    const migrated = migrateDocument(v3);
    expect(migrated).toEqual({ ok: true, value: { ...v3, version: 4 } });
    expect(CURRENT_VERSION).toBe(4);
  });
});

describe('overrides on groups and their children', () => {
  const template = loadTemplate(doc([badge(twoChildren()), { type: 'rect', name: 'bg', width: 800, height: 600 }]));

  it('lets a group override visible, opacity, x and y', () => {
    expect(overridableProperties('group')).toEqual(['visible', 'opacity', 'x', 'y']);
    const parsed = parseOverrides(template, { badge: { visible: false, x: 10 } });
    expect(parsed).toEqual({ ok: true, value: { badge: { visible: false, x: 10 } } });
    if (!parsed.ok) return;
    const applied = applyOverrides(template, parsed.value);
    expect(applied.layers[0]).toMatchObject({ visible: false, x: 10, y: 50 });
    expect(applied.layers[1]).toBe(template.layers[1]);
  });

  it('refuses what a group cannot override, naming the path', () => {
    const parsed = parseOverrides(template, { badge: { width: 10 } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(lines(parsed.errors)).toEqual([
      'layers.badge.width: group layers have no overridable property "width"; expected one of visible, opacity, x, y',
    ]);
  });

  it('addresses a child by its name', () => {
    const parsed = parseOverrides(template, { title: { text: 'Hello', color: '#ff0000' } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const group = applyOverrides(template, parsed.value).layers[0] as GroupLayer;
    expect(group.layers[1]).toMatchObject({ name: 'title', text: 'Hello', color: '#ff0000' });
    expect(group.layers[0]).toBe((template.layers[0] as GroupLayer).layers[0]);
  });

  it('lists the children among the layers when a name is unknown', () => {
    const parsed = parseOverrides(template, { nope: { visible: false } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]?.message).toBe(
      'the template has no layer named "nope"; its layers are: badge, plate, title, bg',
    );
  });

  it('publishes the group and its children in the render contract', () => {
    const schema = renderContractJsonSchema(template, { id: 't', version: 1, name: 'card' }) as {
      properties: { layers: { properties: Record<string, { properties: Record<string, unknown> }> } };
    };
    const layers = schema.properties.layers.properties;
    expect(Object.keys(layers)).toEqual(['badge', 'plate', 'title', 'bg']);
    expect(Object.keys(layers.badge?.properties ?? {})).toEqual(['visible', 'opacity', 'x', 'y']);
    expect(Object.keys(layers.title?.properties ?? {})).toContain('text');
  });
});

describe('groups in size variants', () => {
  const base = () => doc([badge(twoChildren())]);

  it('moves a group and sizes a child by name at another size', () => {
    const parsed = loadTemplate({
      ...base(),
      variants: [
        { name: 'square', width: 600, height: 600, layers: { badge: { x: 0, y: 0 }, title: { fontSize: 20 } } },
      ],
    });
    const resolved = resolveVariant(parsed, 'square');
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    const group = resolved.value.layers[0] as GroupLayer;
    expect([group.x, group.y]).toEqual([0, 0]);
    expect(group.layers[1]).toMatchObject({ name: 'title', fontSize: 20 });
  });

  it('refuses a size for a group in a variant, naming the path', () => {
    const issues = lines(
      rejectionOf({
        ...base(),
        variants: [{ name: 'square', width: 600, height: 600, layers: { badge: { width: 10 } } }],
      }),
    );
    expect(issues).toEqual([
      'variants[0].layers.badge.width: a variant cannot set "width" on a group layer; expected one of x, y, rotation, opacity, visible',
    ]);
  });

  it('places a group without resizing it when a variant is made from the design', () => {
    const variant = scaleToVariant(loadTemplate(base()), 'square', 400, 400);
    expect(Object.keys(variant.layers.badge ?? {}).sort()).toEqual(['x', 'y']);
    expect(parseTemplate({ ...base(), variants: [variant] }).ok).toBe(true);
  });
});
