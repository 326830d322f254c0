import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { MASK_PALETTE, sideBySideSvg, svgToPng } from '../src/build';

describe('side-by-side pictures', () => {
  const mask = [0, 0, 1, 1, 2, 2, 2, 0, 1]; // 3×3
  const image = Array.from({ length: 27 }, (_, i) => (i % 3 === 0 ? 1 : 0)); // pure red
  const rows = [
    [
      { title: 'input', kind: 'image' as const, pixels: image },
      { title: 'truth <ok>', kind: 'mask' as const, pixels: mask },
    ],
  ];
  const options = { height: 3, width: 3, scale: 10 };

  test('a mask becomes one rect per run of a class in each row; titles are escaped', () => {
    const svg = sideBySideSvg(rows, options);
    // Mask rows: [0, 0, 1] → 2 runs, [1, 2, 2] → 2, [2, 0, 1] → 3; the red image: 1 run per row.
    expect(svg.match(/<rect /g)).toHaveLength(1 + 3 + 7);
    expect(svg).toContain('truth &#60;ok&#62;');
  });

  test("the PNG has the panels' size and the palette's colours where the mask says", () => {
    const png = svgToPng(sideBySideSvg(rows, options));
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]); // the PNG signature
    // Width: gap 8 + 2 × (30 + 8) = 84; height: 8 + 18 + 30 + 8 = 64 (see sideBySideSvg's layout).
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([84, 64]);
    const rendered = new Resvg(sideBySideSvg(rows, options)).render();
    const rgbAt = (x: number, y: number) => [
      ...rendered.pixels.subarray((y * 84 + x) * 4, (y * 84 + x) * 4 + 3),
    ];
    // Mask panel starts at x = 8 + 30 + 8 = 46, y = 8 + 18 = 26; pixel (row 1, column 2) is class 2.
    expect(rgbAt(46 + 25, 26 + 15)).toEqual([...MASK_PALETTE[2]!]);
    expect(rgbAt(46 + 5, 26 + 5)).toEqual([...MASK_PALETTE[0]!]);
    expect(rgbAt(8 + 5, 26 + 5)).toEqual([255, 0, 0]);
  });
});
