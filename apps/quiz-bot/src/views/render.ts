import { Resvg } from '@resvg/resvg-js';

/** SVG to PNG with resvg (a maintained renderer whose binary ships inside its npm package). */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}
