// Render-time overrides and variables: the public contract of section 3 of the design.
import { describe, expect, it } from 'vitest';
import {
  type ImageLayer,
  type TextLayer,
  applyOverrides,
  loadTemplate,
  overridableProperties,
  parseOverrides,
  parseVariables,
  substituteVariables,
} from '../src/index';
import { type Json, lines, rejectionOf, validDocument } from './helpers';

const doc = loadTemplate(validDocument());

function overrideErrors(input: unknown): string[] {
  const result = parseOverrides(doc, input);
  if (result.ok) throw new Error('expected the overrides to be rejected');
  return result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('seed 001 examples, verbatim', () => {
  it('accepts the text override example on a text layer and applies every property', () => {
    const input = JSON.parse(
      '{"title":{"text":"New content","fontSize":48,"fontWeight":"bold","color":"#000000","textAlign":"center","lineHeight":1.2,"letterSpacing":-1,"textTransform":"uppercase"}}',
    );
    const result = parseOverrides(doc, input);
    expect(result).toEqual({ ok: true, value: input });
    if (!result.ok) return;
    const title = applyOverrides(doc, result.value).layers[0] as TextLayer;
    expect(title).toMatchObject({
      text: 'New content',
      fontWeight: 'bold',
      textAlign: 'center',
      letterSpacing: -1,
      textTransform: 'uppercase',
    });
  });

  it('accepts the image override example on a layer named avatar, turning image_url into src', () => {
    const input = JSON.parse(
      '{"avatar":{"image_url":"https://example.com/avatar.jpg","width":120,"height":120,"objectFit":"cover","borderRadius":60,"opacity":1}}',
    );
    const result = parseOverrides(doc, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const avatar = applyOverrides(doc, result.value).layers[1] as ImageLayer;
    expect(avatar).toMatchObject({
      src: 'https://example.com/avatar.jpg',
      width: 120,
      height: 120,
      objectFit: 'cover',
      borderRadius: 60,
      opacity: 1,
    });
    expect(avatar).not.toHaveProperty('image_url');
  });

  it('accepts the multi-layer example from the render URL section', () => {
    const withLogo = loadTemplate({
      ...validDocument(),
      layers: [
        ...validDocument().layers,
        { name: 'subtitle', type: 'text', width: 10, height: 10 },
        { name: 'logo', type: 'image', width: 10, height: 10 },
      ],
    });
    const result = parseOverrides(
      withLogo,
      JSON.parse(
        '{"title":{"text":"Blog Title"},"subtitle":{"text":"By John Doe"},"logo":{"image_url":"https://example.com/avatar.jpg"}}',
      ),
    );
    expect(result.ok).toBe(true);
  });
});

describe('rejected overrides', () => {
  it('names the unknown layer and lists the layers that exist', () => {
    expect(overrideErrors({ headline: { text: 'x' } })).toEqual([
      'layers.headline: the template has no layer named "headline"; its layers are: title, avatar, panel, dot',
    ]);
  });

  it('names the unknown property and lists what the layer kind accepts', () => {
    const [error] = overrideErrors({ title: { fontColor: 'red' } });
    expect(error).toBe(
      `layers.title.fontColor: text layers have no overridable property "fontColor"; expected one of ${overridableProperties('text').join(', ')}`,
    );
    expect(error).toContain('letterSpacing');
  });

  it('rejects a property of another layer kind', () => {
    expect(overrideErrors({ avatar: { text: 'x' } })[0]).toMatch(
      /^layers\.avatar\.text: image layers have no overridable property "text"; expected one of .*image_url/,
    );
    expect(overrideErrors({ panel: { image_url: 'x' } })[0]).toMatch(
      /^layers\.panel\.image_url: rect layers have no overridable property/,
    );
    expect(overrideErrors({ dot: { cornerRadius: 3 } })[0]).toMatch(
      /^layers\.dot\.cornerRadius: ellipse layers have no overridable property/,
    );
  });

  it('rejects bad values with their path', () => {
    expect(overrideErrors({ title: { fontSize: 0, color: 'nope' } })).toEqual([
      'layers.title.fontSize: expected a number from 1 to 1000',
      'layers.title.color: expected a CSS colour such as #1a2b3c, rgba(0, 0, 0, 0.5) or a colour name',
    ]);
    expect(overrideErrors({ avatar: { objectFit: 'stretch' } })).toEqual([
      'layers.avatar.objectFit: expected one of cover, contain, fill, none',
    ]);
    expect(overrideErrors({ panel: { fill: 'linear-gradient(red)' } })).toEqual([
      'layers.panel.fill: expected a CSS colour, or a gradient such as linear-gradient(135deg, #667eea, #764ba2)',
    ]);
    expect(overrideErrors({ title: { text: 42 } })).toEqual(['layers.title.text: expected a string']);
  });

  it('rejects overrides that are not objects', () => {
    expect(overrideErrors(['title'])).toEqual(['layers: expected an object of layer name → properties']);
    expect(overrideErrors({ title: 'Hello' })).toEqual(['layers.title: expected an object of properties']);
  });

  it('collects errors for several layers at once and changes nothing', () => {
    const input = { title: { fontSize: -1 }, ghost: {}, avatar: { opacity: 2 } };
    const copy = structuredClone(input);
    expect(overrideErrors(input).map((e) => e.split(':')[0])).toEqual([
      'layers.title.fontSize',
      'layers.ghost',
      'layers.avatar.opacity',
    ]);
    expect(input).toEqual(copy);
  });

  it('treats missing overrides as none', () => {
    expect(parseOverrides(doc, undefined)).toEqual({ ok: true, value: {} });
    expect(applyOverrides(doc, {})).toBe(doc);
  });
});

describe('variables', () => {
  it('substitutes values, falls back to the declared default and leaves unknown placeholders alone', () => {
    expect(substituteVariables('Hello {{author}}', doc, { author: 'Ada' })).toBe('Hello Ada');
    expect(substituteVariables('Hello {{ author }}', doc, {})).toBe('Hello Jane');
    expect(substituteVariables('{{nobody}} and {{author}}', doc, {})).toBe('{{nobody}} and Jane');
  });

  it('accepts string and number values for declared variables', () => {
    expect(parseVariables(doc, { author: 'Ada' })).toEqual({ ok: true, value: { author: 'Ada' } });
    expect(parseVariables(doc, { author: 42 })).toEqual({ ok: true, value: { author: '42' } });
  });

  it('rejects undeclared variables listing the declared ones, and values that are not text', () => {
    expect(parseVariables(doc, { writer: 'Ada' })).toEqual({
      ok: false,
      errors: [
        { path: 'variables.writer', message: 'the template has no variable "writer"; its variables are: author' },
      ],
    });
    expect(parseVariables(doc, { author: { first: 'Ada' } })).toEqual({
      ok: false,
      errors: [{ path: 'variables.author', message: 'expected a string' }],
    });
    expect(parseVariables(doc, { author: 'x'.repeat(2001) })).toEqual({
      ok: false,
      errors: [{ path: 'variables.author', message: 'expected at most 2000 characters' }],
    });
    expect(parseVariables(doc, 'author=Ada')).toEqual({
      ok: false,
      errors: [{ path: 'variables', message: 'expected an object of variable name → text' }],
    });
  });
});

describe('names that are object keys', () => {
  it('rejects __proto__ as a layer or variable name, so an override for it can never be dropped silently', () => {
    const withLayer = validDocument();
    (withLayer.layers[0] as Json).name = '__proto__';
    expect(lines(rejectionOf(withLayer))).toEqual([
      'layers[0].name: expected a name other than __proto__ (it cannot be an override key)',
    ]);
    const withVariable = validDocument();
    (withVariable.variables[0] as Json).name = '__proto__';
    expect(lines(rejectionOf(withVariable))).toContain(
      'variables[0].name: expected a name other than __proto__ (it cannot be a variable key)',
    );
  });

  it('reports an override or variable keyed __proto__ (as JSON.parse makes it) as unknown', () => {
    expect(overrideErrors(JSON.parse('{"__proto__":{"text":"x"}}'))).toEqual([
      'layers.__proto__: the template has no layer named "__proto__"; its layers are: title, avatar, panel, dot',
    ]);
    const vars = parseVariables(doc, JSON.parse('{"__proto__":"x"}'));
    expect(vars.ok).toBe(false);
  });
});
