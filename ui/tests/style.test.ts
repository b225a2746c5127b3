import { describe, expect, it } from 'vitest';
import css from '../src/app.css?raw';

// The window's text must never be invisible while Atkinson Hyperlegible loads (WebKit hides
// text for up to 3 s by default): every @font-face swaps in a fallback face at once.
describe('app.css', () => {
  it('declares font-display: swap on every font face', () => {
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) {
      expect(face).toMatch(/font-display:\s*swap;/);
    }
  });
});
