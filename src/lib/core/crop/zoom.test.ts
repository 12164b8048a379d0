import { describe, expect, it } from 'vitest';
import { randomCrops } from '../../../../tests/support/random-crops';
import { contains } from './geometry';
import { safeAreaRect } from './safe-area';
import { safeCouldHold } from './zoom';

describe('safeCouldHold', () => {
  it('rules out a size only when no crop of it, at any whole offset, has every face in its safe area', () => {
    const random = randomCrops(18);
    let ruledOut = 0;
    const wrong: string[] = [];
    for (let index = 0; index < 3000; index++) {
      // Small sources, so that every offset can be tried.
      const source = random.source(90);
      const preset = random.preset();
      const size = random.size(source, preset, 0.2);
      const faces = Array.from({ length: random.int(1, 3) }, () => random.box(source));
      if (safeCouldHold(source, size, preset, faces)) continue;
      ruledOut += 1;
      for (let x = 0; x <= source.width - size.width; x++) {
        for (let y = 0; y <= source.height - size.height; y++) {
          const safe = safeAreaRect(preset, { x, y, ...size });
          if (faces.every((face) => contains(safe, face))) wrong.push(`case ${index} at ${x}, ${y}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // It does rule sizes out, which is what spares the search.
    expect(ruledOut).toBeGreaterThan(1000);
  });
});
