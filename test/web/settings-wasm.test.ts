// The page's wasm tier setting: off by default, ?cpu=wasm turns it on for a
// visit and ?cpu=js off, whatever was stored; a stored non-boolean is ignored.
import { describe, expect, it } from 'vitest';
import { DEFAULTS, effectiveSettings } from '../../web/settings.ts';

describe('the wasm tier setting', () => {
  it('is off by default and follows ?cpu= for a visit', () => {
    expect(DEFAULTS.wasm).toBe(false);
    expect(effectiveSettings(DEFAULTS, '').wasm).toBe(false);
    expect(effectiveSettings(DEFAULTS, '?cpu=wasm').wasm).toBe(true);
    expect(effectiveSettings({ ...DEFAULTS, wasm: true }, '?cpu=js').wasm).toBe(false);
    expect(effectiveSettings({ ...DEFAULTS, wasm: true }, '').wasm).toBe(true);
    expect(effectiveSettings({ ...DEFAULTS, wasm: 'yes' as unknown as boolean }, '').wasm).toBe(false);
  });
});
