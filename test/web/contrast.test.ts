// The page's colours (the custom properties of web/styles.css, dark and
// light theme): every text colour on every background colour has a WCAG 2
// contrast ratio of at least 4.5:1, and the light theme really is light.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../web/styles.css', import.meta.url), 'utf8');

/** The custom properties of the first `:root { … }` after `from` in the stylesheet. */
function rootVars(from: number): Map<string, string> {
  const start = css.indexOf(':root {', from);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})/g)].map((m) => [m[1], m[2]]));
}

function rgb(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = ['fg', 'strong', 'muted', 'label', 'link', 'ok', 'warn', 'bad', 'orange', 'purple'];
const BACKGROUNDS = ['bg', 'pane-bg', 'term-bg', 'card-bg', 'control-bg', 'hover-bg', 'selected-bg', 'focus-bg', 'row-selected-bg'];

const themes = {
  dark: rootVars(0),
  light: rootVars(css.indexOf('prefers-color-scheme: light')),
};

describe('colour contrast', () => {
  it('computes the WCAG ratio (black on white is 21, a colour on itself 1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777', '#777777')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeGreaterThan(4.5); // the known threshold grey
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  for (const [theme, vars] of Object.entries(themes)) {
    it(`${theme} theme: every text colour on every background is at least 4.5:1`, () => {
      const failures: string[] = [];
      for (const t of TEXT) for (const b of BACKGROUNDS) {
        const fg = vars.get(t), bg = vars.get(b);
        if (!fg || !bg) { failures.push(`--${fg ? b : t} is not defined`); continue; }
        const ratio = contrast(fg, bg);
        if (ratio < 4.5) failures.push(`--${t} ${fg} on --${b} ${bg}: ${ratio.toFixed(2)}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('the light theme has a light background and dark text, the dark theme the reverse', () => {
    expect(luminance(themes.light.get('bg')!)).toBeGreaterThan(0.8);
    expect(luminance(themes.light.get('fg')!)).toBeLessThan(0.05);
    expect(luminance(themes.dark.get('bg')!)).toBeLessThan(0.05);
  });
});
