import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Where Debian and most Linux systems keep DejaVu Sans, the font the pictures name first. */
const FONT_FOLDERS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/local/share/fonts',
];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let fontFiles: string[] | undefined;
/**
 * The font files, found once per thread. resvg's `loadSystemFonts` scans every font on the system
 * on each render (26–58 ms a picture here, against 2–11 ms with two named files: issue 20); when
 * DejaVu Sans is not where Debian puts it, the scan is the fallback.
 */
function fonts(): string[] {
  fontFiles ??= FONT_FOLDERS.flatMap((folder) => FONT_FILES.map((file) => `${folder}/${file}`)).filter(
    (path) => existsSync(path),
  );
  return fontFiles;
}

/**
 * SVG to PNG with resvg (a maintained renderer whose binary ships inside its npm package), in DejaVu
 * Sans; the font files are found once per thread, not scanned on every call. CPU-bound: the Discord
 * bot calls it in its picture worker (`PicturePool`), never on the thread that answers interactions.
 */
export function renderPng(svg: string): Buffer {
  const files = fonts();
  const resvg = new Resvg(svg, {
    font:
      files.length === 0
        ? { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }
        : { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}
