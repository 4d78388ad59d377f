// The font subsetting worker: documents rendered at the same moment each get their own glyphs, and a failed
// subset is reported without taking the next document down with it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { subsetFontFile } from '../server/documents/font-subsetter.ts';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');

function glyphsFor(subset: Uint8Array, text: string): boolean[] {
  const font = fontkit.create(Buffer.from(subset));
  return Array.from(text, (char) => font.hasGlyphForCodePoint(char.codePointAt(0)!));
}

describe('font subsetting in a worker', () => {
  it('answers concurrent requests each with the glyphs asked for, a small font', async () => {
    const [a, b, c] = await Promise.all([
      subsetFontFile(REGULAR, '准予许可决定书'),
      subsetFontFile(BOLD, '不予许可'),
      subsetFontFile(REGULAR, '居住证明'),
    ]);
    expect(glyphsFor(a, '准予许可决定书')).not.toContain(false);
    expect(glyphsFor(b, '不予许可')).not.toContain(false);
    expect(glyphsFor(c, '居住证明')).not.toContain(false);
    expect(glyphsFor(c, '准')).toEqual([false]);
    expect(a.length).toBeLessThan(100_000);
  });

  it('rejects a request for a missing font and serves the next one', async () => {
    await expect(subsetFontFile('/nonexistent/font.ttf', '证明')).rejects.toThrow(/Font subsetting failed: .*ENOENT/);
    expect(glyphsFor(await subsetFontFile(REGULAR, '证明'), '证明')).toEqual([true, true]);
  });
});
