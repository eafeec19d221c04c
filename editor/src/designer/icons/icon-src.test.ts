import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ICON_COLOR, ICON_MARKER, iconSrc, parseIconSrc, replaceIcon, restyleIcon } from './icon-src';

// The set's own files, as the picker gets them.
const require = createRequire(import.meta.url);
const setSvg = (name: string) => readFileSync(require.resolve(`lucide-static/icons/${name}.svg`), 'utf8');
const svgOf = (src: string) => decodeURIComponent(src.slice('data:image/svg+xml,'.length));

describe('icon data URLs', () => {
  it('makes a marked SVG with a concrete stroke and keeps the rest as the set ships it', () => {
    const src = iconSrc('heart', setSvg('heart'));
    expect(src.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = svgOf(src);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 24 24"/);
    expect(svg).toContain(`stroke="${DEFAULT_ICON_COLOR}"`);
    expect(svg).toContain('stroke-width="2"');
    expect(svg).toContain('stroke-linecap="round"');
    expect(svg).toContain(`${ICON_MARKER}="heart"`);
    expect(svg).toContain('<path d="M2 9.5a5.5 5.5 0 0 1 9.591-3.676');
    expect(svg).not.toContain('currentColor');
    expect(svg).not.toContain('<!--');
    expect(parseIconSrc(src)).toEqual({ name: 'heart', color: DEFAULT_ICON_COLOR, strokeWidth: 2 });
  });

  it('resolves currentColor on child elements too, and recolours them with the stroke', () => {
    // A set icon that paints a child with currentColor (a filled dot).
    const dotted =
      '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="1" fill="currentColor"/></svg>';
    const src = iconSrc('dot', dotted, { color: '#2563eb' });
    expect(svgOf(src)).toContain('<circle cx="12" cy="12" r="1" fill="#2563eb"/>');
    const red = restyleIcon(src, { color: 'rgba(225, 29, 72, 0.5)' })!;
    expect(svgOf(red)).toContain('fill="rgba(225, 29, 72, 0.5)"');
    expect(svgOf(red)).not.toContain('#2563eb');
    expect(parseIconSrc(red)).toEqual({ name: 'dot', color: 'rgba(225, 29, 72, 0.5)', strokeWidth: 2 });
  });

  it('recolours and changes the line width, each keeping the other', () => {
    const src = iconSrc('star', setSvg('star'));
    const red = restyleIcon(src, { color: '#e11d48' })!;
    expect(parseIconSrc(red)).toEqual({ name: 'star', color: '#e11d48', strokeWidth: 2 });
    const thin = restyleIcon(red, { strokeWidth: 0.5 })!;
    expect(parseIconSrc(thin)).toEqual({ name: 'star', color: '#e11d48', strokeWidth: 0.5 });
    expect(svgOf(thin)).toContain('stroke-width="0.5"');
    expect(svgOf(thin).match(/stroke-width=/g)).toHaveLength(1);
    // Only the colour and width differ from a fresh icon in that look.
    expect(thin).toBe(iconSrc('star', setSvg('star'), { color: '#e11d48', strokeWidth: 0.5 }));
  });

  it('replaces the icon and keeps colour and line width', () => {
    const src = iconSrc('heart', setSvg('heart'), { color: '#16a34a', strokeWidth: 3 });
    const star = replaceIcon(src, 'star', setSvg('star'))!;
    expect(parseIconSrc(star)).toEqual({ name: 'star', color: '#16a34a', strokeWidth: 3 });
    expect(svgOf(star)).not.toContain('M2 9.5a5.5');
  });

  it('refuses SVGs and sources that are not icons', () => {
    const plain = `data:image/svg+xml,${encodeURIComponent('<svg viewBox="0 0 10 10" stroke="#000" stroke-width="2"><rect width="10" height="10"/></svg>')}`;
    for (const src of [
      '',
      'https://example.com/heart.svg',
      plain,
      `data:image/svg+xml;base64,${Buffer.from(svgOf(iconSrc('heart', setSvg('heart')))).toString('base64')}`,
      'data:image/svg+xml,%E0%A4%A', // not decodable
      'data:image/png;base64,iVBORw0KGgo=',
    ]) {
      expect(parseIconSrc(src), src).toBeNull();
      expect(restyleIcon(src, { color: '#e11d48' }), src).toBeNull();
      expect(replaceIcon(src, 'star', setSvg('star')), src).toBeNull();
    }
  });

  it('refuses a colour or width the inspector would not offer', () => {
    const src = iconSrc('heart', setSvg('heart'));
    expect(() => restyleIcon(src, { color: 'not-a-colour' })).toThrow(/colour/);
    expect(() => restyleIcon(src, { color: '#fff" onload="x' })).toThrow(/colour/);
    expect(() => restyleIcon(src, { strokeWidth: 5 })).toThrow(/0.5 to 4/);
    expect(() => iconSrc('Heart!', setSvg('heart'))).toThrow(/icon name/);
  });
});
