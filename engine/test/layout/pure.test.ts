import { describe, expect, it } from 'vitest';
import { applyTextTransform, fitImage, placeFill, splitGraphemes, tokenize } from '../../src/index';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits spaced scripts into words and spaces', () => {
    expect(texts('Hello  big world')).toEqual(['Hello', '  ', 'big', ' ', 'world']);
  });

  it('makes every CJK character a break opportunity', () => {
    expect(texts('세계平和です')).toEqual(['세', '계', '平', '和', 'で', 'す']);
  });

  it('keeps closing punctuation with the character before and opening brackets with the one after', () => {
    expect(texts('「こんにちは」。世界')).toEqual(['「こ', 'ん', 'に', 'ち', 'は」。', '世', '界']);
  });

  it('never splits an emoji sequence', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(splitGraphemes(`a${family}b`)).toEqual(['a', family, 'b']);
    expect(texts(`party 🎉${family}`)).toEqual(['party', ' ', `🎉${family}`]);
  });
});

describe('applyTextTransform', () => {
  it('capitalizes the first letter of each word', () => {
    expect(applyTextTransform('hello wide-world (again)', 'capitalize')).toBe('Hello Wide-World (Again)');
    expect(applyTextTransform('Straße', 'uppercase')).toBe('STRASSE');
  });
});

describe('fitImage', () => {
  const pos = { x: 0.5, y: 0.5 };
  it('cover crops the longer side around the focal point', () => {
    expect(fitImage(400, 200, 100, 100, 'cover', pos)).toEqual({
      source: { x: 100, y: 0, width: 200, height: 200 },
      dest: { x: 0, y: 0, width: 100, height: 100 },
    });
    expect(fitImage(400, 200, 100, 100, 'cover', { x: 0, y: 0.5 }).source.x).toBe(0);
  });

  it('contain letterboxes and positions the image', () => {
    expect(fitImage(400, 200, 100, 100, 'contain', { x: 0.5, y: 1 }).dest).toEqual({
      x: 0,
      y: 50,
      width: 100,
      height: 50,
    });
  });

  it('none keeps the natural size, cropping only what overflows', () => {
    expect(fitImage(50, 300, 100, 100, 'none', pos)).toEqual({
      source: { x: 0, y: 100, width: 50, height: 100 },
      dest: { x: 25, y: 0, width: 50, height: 100 },
    });
  });
});

describe('placeFill', () => {
  it('runs a 90deg gradient across the width', () => {
    const f = placeFill('linear-gradient(90deg, red, blue)', 200, 100);
    if (f.type !== 'linear') throw new Error('expected linear');
    expect([f.x0, f.y0, f.x1, f.y1].map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 50, 200, 50]);
  });

  it('reaches the corners with a diagonal gradient, as CSS does', () => {
    const f = placeFill(
      {
        type: 'linear',
        angle: 135,
        stops: [
          { offset: 0, color: '#000' },
          { offset: 1, color: '#fff' },
        ],
      },
      100,
      100,
    );
    if (f.type !== 'linear') throw new Error('expected linear');
    expect(f.x0).toBeCloseTo(0);
    expect(f.y0).toBeCloseTo(0);
    expect(f.x1).toBeCloseTo(100);
    expect(f.y1).toBeCloseTo(100);
    expect(f.stops[0]?.color).toBe('rgb(0, 0, 0)');
  });

  it('sizes a radial gradient to the farthest corner', () => {
    const f = placeFill('radial-gradient(circle at 0% 0%, white, black)', 30, 40);
    expect(f).toMatchObject({ type: 'radial', cx: 0, cy: 0, r: 50 });
  });
});
