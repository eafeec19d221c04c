// Every limit of the template document is enforced, and each rejection names the JSON
// path and says what was expected.
import { describe, expect, it } from 'vitest';
import { LIMITS, parseTemplate } from '../src/index';
import { type Json, lines, rejectionOf, validDocument } from './helpers';

type Doc = ReturnType<typeof validDocument>;
const layer = (doc: Doc, i: number): Json => doc.layers[i] as Json;

function rejectWith(change: (doc: Doc) => void, expected: string) {
  const doc = validDocument();
  change(doc);
  expect(lines(rejectionOf(doc))).toEqual([expected]);
}

describe('a valid document', () => {
  it('parses with defaults filled in and ids taken from names', () => {
    const result = parseTemplate(validDocument());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const title = result.value.layers[0];
    expect(title).toMatchObject({
      id: 'title',
      fontFamily: 'Inter',
      fontSize: 48,
      rotation: 0,
      opacity: 1,
      visible: true,
    });
  });

  it('is not modified by parsing, accepted or rejected', () => {
    const good = validDocument();
    const goodCopy = structuredClone(good);
    parseTemplate(good);
    expect(good).toEqual(goodCopy);
    const bad = validDocument();
    layer(bad, 0).fontSize = 0;
    const badCopy = structuredClone(bad);
    parseTemplate(bad);
    expect(bad).toEqual(badCopy);
  });

  it('accepts the exact limits', () => {
    const doc = validDocument();
    doc.canvas.width = LIMITS.canvasMin;
    doc.canvas.height = LIMITS.canvasMax;
    layer(doc, 0).text = 'a'.repeat(LIMITS.maxTextLength);
    layer(doc, 0).fontSize = 1000;
    layer(doc, 0).opacity = 0;
    doc.layers = [
      ...doc.layers,
      ...Array.from({ length: LIMITS.maxLayers - 4 }, (_, i) => ({ name: `r${i}`, type: 'rect', width: 1, height: 1 })),
    ];
    expect(parseTemplate(doc).ok).toBe(true);
  });
});

describe('limits', () => {
  it('rejects a canvas of 15 px and of 4097 px', () => {
    rejectWith((d) => (d.canvas.width = 15), 'canvas.width: expected a whole number from 16 to 4096');
    rejectWith((d) => (d.canvas.height = 4097), 'canvas.height: expected a whole number from 16 to 4096');
    rejectWith((d) => (d.canvas.width = 600.5), 'canvas.width: expected a whole number from 16 to 4096');
  });

  it('rejects 201 layers', () => {
    rejectWith(
      (d) => (d.layers = Array.from({ length: 201 }, (_, i) => ({ name: `l${i}`, type: 'rect', width: 1, height: 1 }))),
      'layers: expected at most 200 layers',
    );
  });

  it('rejects 2001 characters of text', () => {
    rejectWith((d) => (layer(d, 0).text = 'x'.repeat(2001)), 'layers[0].text: expected at most 2000 characters');
  });

  it('rejects fontSize 0 and 1001', () => {
    rejectWith((d) => (layer(d, 0).fontSize = 0), 'layers[0].fontSize: expected a number from 1 to 1000');
    rejectWith((d) => (layer(d, 0).fontSize = 1001), 'layers[0].fontSize: expected a number from 1 to 1000');
  });

  it('rejects opacity 1.5 on any layer kind', () => {
    rejectWith((d) => (layer(d, 3).opacity = 1.5), 'layers[3].opacity: expected a number from 0 to 1');
  });

  it('rejects 1e309 (Infinity once JSON-parsed) and NaN', () => {
    const doc = JSON.parse(JSON.stringify(validDocument()).replace('"x":80', '"x":1e309'));
    expect(doc.layers[0].x).toBe(Number.POSITIVE_INFINITY);
    expect(lines(rejectionOf(doc))).toEqual(['layers[0].x: expected a number from -10000 to 10000']);
    rejectWith((d) => (layer(d, 2).width = Number.NaN), 'layers[2].width: expected a number from 1 to 10000');
  });

  it('rejects coordinates and rotations out of range', () => {
    rejectWith((d) => (layer(d, 1).y = -10001), 'layers[1].y: expected a number from -10000 to 10000');
    rejectWith((d) => (layer(d, 1).rotation = 361), 'layers[1].rotation: expected a number from -360 to 360');
  });

  it('rejects font weights outside 100..900 and unknown weight names', () => {
    rejectWith((d) => (layer(d, 0).fontWeight = 950), 'layers[0].fontWeight: expected a whole number from 100 to 900');
    rejectWith(
      (d) => (layer(d, 0).fontWeight = 'heavy'),
      'layers[0].fontWeight: expected a weight from 100 to 900, "normal" or "bold"',
    );
  });

  it('says "required" only for missing values, not for values of the wrong type', () => {
    rejectWith((d) => delete layer(d, 2).width, 'layers[2].width: required: expected a number from 1 to 10000');
    rejectWith((d) => (layer(d, 0).fontSize = '48'), 'layers[0].fontSize: expected a number from 1 to 1000');
    rejectWith((d) => (layer(d, 0).visible = 'yes'), 'layers[0].visible: expected true or false');
    rejectWith((d) => delete (d as Json).canvas, 'canvas: required: expected an object with width and height');
  });

  it('rejects something that is not a document at all', () => {
    expect(lines(rejectionOf([]))).toEqual([
      ': expected a template document: an object with version, canvas and layers',
    ]);
    expect(lines(rejectionOf('{"version":2}'))[0]).toContain('expected a template document');
  });

  it('reports every problem at once, each with its own path', () => {
    const doc = validDocument();
    doc.canvas.width = 10;
    layer(doc, 0).fontSize = 0;
    layer(doc, 2).fill = 'nope';
    expect(rejectionOf(doc).map((i) => i.path)).toEqual(['canvas.width', 'layers[0].fontSize', 'layers[2].fill']);
  });
});

describe('colours and fills', () => {
  it('rejects a bad colour wherever a colour goes', () => {
    const msg = 'expected a CSS colour such as #1a2b3c, rgba(0, 0, 0, 0.5) or a colour name';
    rejectWith((d) => (layer(d, 0).color = '#12345'), `layers[0].color: ${msg}`);
    rejectWith((d) => (layer(d, 0).background = 'rgb(1, 2)'), `layers[0].background: ${msg}`);
    rejectWith((d) => (layer(d, 2).stroke = 'blurple'), `layers[2].stroke: ${msg}`);
    rejectWith((d) => (layer(d, 3).shadow = { color: 'hsl(10, 20, 30)' }), `layers[3].shadow.color: ${msg}`);
  });

  it('rejects bad gradient strings', () => {
    const msg = 'expected a CSS colour, or a gradient such as linear-gradient(135deg, #667eea, #764ba2)';
    for (const fill of [
      'linear-gradient(45deg, #fff)',
      'linear-gradient(sideways, red, blue)',
      'linear-gradient(90deg, red, notacolor)',
      'conic-gradient(red, blue)',
      'linear-gradient(red, blue',
    ]) {
      rejectWith((d) => (layer(d, 2).fill = fill), `layers[2].fill: ${msg}`);
    }
    rejectWith(
      (d) => (d.canvas.background = 'radial-gradient(circle at nowhere, red, blue)'),
      `canvas.background: ${msg}`,
    );
  });

  it('rejects bad structured gradients at the exact field', () => {
    rejectWith(
      (d) => (layer(d, 2).fill = { type: 'linear', angle: 90, stops: [{ offset: 0, color: 'red' }] }),
      'layers[2].fill.stops: expected at least 2 stops',
    );
    rejectWith(
      (d) =>
        (layer(d, 3).fill = {
          type: 'radial',
          stops: [
            { offset: 0, color: 'red' },
            { offset: 1.5, color: 'blue' },
          ],
        }),
      'layers[3].fill.stops[1].offset: expected a number from 0 to 1',
    );
    rejectWith(
      (d) =>
        (layer(d, 2).fill = {
          type: 'linear',
          angle: 720,
          stops: [
            { offset: 0, color: 'red' },
            { offset: 1, color: 'blue' },
          ],
        }),
      'layers[2].fill.angle: expected a number from -360 to 360',
    );
    rejectWith(
      (d) => (layer(d, 2).fill = { type: 'conic', stops: [] }),
      'layers[2].fill.type: expected a colour string or a gradient object with type linear or radial',
    );
    const stops17 = Array.from({ length: 17 }, (_, i) => ({ offset: i / 16, color: 'red' }));
    rejectWith(
      (d) => (d.canvas.background = { type: 'linear', stops: stops17 }),
      'canvas.background.stops: expected at most 16 stops',
    );
  });
});

describe('unknown keys are rejected at every level', () => {
  const cases: [string, (d: Doc) => void, string][] = [
    ['document', (d) => ((d as Json).title = 'x'), 'title'],
    ['canvas', (d) => (d.canvas.color = 'red'), 'canvas.color'],
    ['text layer', (d) => (layer(d, 0).font = 'Inter'), 'layers[0].font'],
    ['image layer', (d) => (layer(d, 1).fit = 'cover'), 'layers[1].fit'],
    ['rect layer', (d) => (layer(d, 2).radius = 4), 'layers[2].radius'],
    ['ellipse layer: cornerRadius belongs to rect', (d) => (layer(d, 3).cornerRadius = 4), 'layers[3].cornerRadius'],
    ['text layer: fill belongs to shapes', (d) => (layer(d, 0).fill = 'red'), 'layers[0].fill'],
    ['shadow', (d) => (layer(d, 2).shadow = { blur: 4, spread: 2 }), 'layers[2].shadow.spread'],
    ['objectPosition', (d) => (layer(d, 1).objectPosition = { x: 0.5, y: 0.5, z: 1 }), 'layers[1].objectPosition.z'],
    [
      'gradient',
      (d) =>
        (layer(d, 2).fill = {
          type: 'linear',
          stops: [
            { offset: 0, color: 'red' },
            { offset: 1, color: 'blue' },
          ],
          repeat: true,
        }),
      'layers[2].fill.repeat',
    ],
    [
      'gradient stop',
      (d) =>
        (layer(d, 2).fill = {
          type: 'linear',
          stops: [
            { offset: 0, color: 'red', x: 1 },
            { offset: 1, color: 'blue' },
          ],
        }),
      'layers[2].fill.stops[0].x',
    ],
    ['variable', (d) => (d.variables[0] = { name: 'author', kind: 'text' }), 'variables[0].kind'],
  ];
  it.each(cases)('%s', (_, change, path) => rejectWith(change, `${path}: unknown property`));
});

describe('enums', () => {
  const cases: [number, string, unknown, string][] = [
    [0, 'textAlign', 'justify', 'expected one of left, center, right, start, end'],
    [0, 'direction', 'rtl-ish', 'expected one of auto, ltr, rtl'],
    [0, 'verticalAlign', 'center', 'expected one of top, middle, bottom'],
    [0, 'textTransform', 'upper', 'expected one of none, uppercase, lowercase, capitalize'],
    [0, 'fontStyle', 'oblique', 'expected one of normal, italic'],
    [0, 'overflow', 'hidden', 'expected one of clip, ellipsis'],
    [1, 'objectFit', 'scale-down', 'expected one of cover, contain, fill, none'],
    [2, 'type', 'circle', 'expected type to be one of text, image, rect, ellipse, line, polygon, star, qr, group'],
  ];
  it.each(cases)('layers[%i].%s = %j is rejected', (i, key, value, message) =>
    rejectWith((d) => (layer(d, i)[key] = value), `layers[${i}].${key}: ${message}`),
  );
});

describe('names', () => {
  it('rejects duplicate layer names, pointing at the second one and naming the first', () => {
    const errors = rejectionOf({
      ...validDocument(),
      layers: [...validDocument().layers, { name: 'title', type: 'rect', width: 1, height: 1 }],
    });
    expect(lines(errors)).toContain('layers[4].name: expected a unique name; "title" is also the name of layers[0]');
  });

  it('rejects duplicate explicit ids', () => {
    rejectWith((d) => {
      layer(d, 0).id = 'a1';
      layer(d, 1).id = 'a1';
    }, 'layers[1].id: expected a unique id; "a1" is also the id of layers[0]');
  });

  it('rejects layer names with spaces, dots or nothing at all, and over 64 characters', () => {
    const msg = 'expected 1 to 64 characters of A-Z, a-z, 0-9, _ or -';
    for (const name of ['my title', 'title.main', '', 'x'.repeat(65), 'titre-été']) {
      rejectWith((d) => (layer(d, 0).name = name), `layers[0].name: ${msg}`);
    }
  });
});

describe('variables', () => {
  it('rejects bad and duplicate variable names', () => {
    const expected =
      'expected a name of letters, digits and _ (not starting with a digit), in dot-separated parts such as page.title';
    rejectWith((d) => (d.variables = [{ name: '1st' }]), `variables[0].name: ${expected}`);
    rejectWith((d) => (d.variables = [{ name: 'has-dash' }]), `variables[0].name: ${expected}`);
    rejectWith((d) => (d.variables = [{ name: 'page.' }]), `variables[0].name: ${expected}`);
    rejectWith((d) => (d.variables = [{ name: 'page..title' }]), `variables[0].name: ${expected}`);
    rejectWith(
      (d) => (d.variables = [{ name: 'a' }, { name: 'a' }]),
      'variables[1].name: expected a unique name; "a" repeats',
    );
  });

  it('rejects variable types other than text, long defaults and more than 50 variables', () => {
    rejectWith(
      (d) => (d.variables = [{ name: 'a', type: 'number' }]),
      'variables[0].type: expected "text" (the only variable type)',
    );
    rejectWith(
      (d) => (d.variables = [{ name: 'a', default: 'x'.repeat(2001) }]),
      'variables[0].default: expected at most 2000 characters',
    );
    rejectWith(
      (d) => (d.variables = Array.from({ length: 51 }, (_, i) => ({ name: `v${i}` }))),
      'variables: expected at most 50 variables',
    );
  });
});

describe('fills and colours', () => {
  it('says what a fill is when it is neither a string nor a gradient object', () => {
    for (const fill of [5, null, true, []]) {
      rejectWith(
        (d) => (layer(d, 2).fill = fill),
        'layers[2].fill: expected a colour string or a gradient object with type linear or radial',
      );
    }
  });

  it('rejects colour functions with a stray argument', () => {
    const expected = 'layers[0].color: expected a CSS colour such as #1a2b3c, rgba(0, 0, 0, 0.5) or a colour name';
    for (const color of ['rgb(1 2 3 4)', 'rgb(1,,2,3)', 'rgb(1 2 3 / 1 2)', 'rgb(1 2 3 /)', 'rgb(1, 2)']) {
      rejectWith((d) => (layer(d, 0).color = color), expected);
    }
    for (const color of ['rgb(1 2 3 / 50%)', 'rgba(1, 2, 3, 0.5)', 'hsl(120 50% 50% / 0.4)']) {
      const doc = validDocument();
      layer(doc, 0).color = color;
      expect(parseTemplate(doc).ok, color).toBe(true);
    }
  });
});

describe('nested objects', () => {
  it('say what shape a shadow or an object position takes', () => {
    for (const value of [1.5, 'soft', [], true]) {
      rejectWith(
        (d) => (layer(d, 2).shadow = value),
        'layers[2].shadow: expected a shadow object such as { "color": "#000", "blur": 12, "offsetX": 0, "offsetY": 4 }',
      );
      rejectWith(
        (d) => (layer(d, 1).objectPosition = value),
        'layers[1].objectPosition: expected { "x": 0..1, "y": 0..1 } (0.5, 0.5 is the centre)',
      );
    }
  });
});
