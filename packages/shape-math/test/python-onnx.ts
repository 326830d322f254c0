import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's python3 (python3-onnx is a Debian package), then whatever python3 is on the PATH. */
const CANDIDATES = ['/usr/bin/python3', 'python3'];

/** A Python that can `import onnx`, or undefined (the caller skips, saying so). */
export function pythonWithOnnx(): string | undefined {
  for (const python of CANDIDATES) {
    try {
      execFileSync(python, ['-c', 'import onnx, numpy'], { stdio: 'ignore', timeout: 30_000 });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export const PYTHON_MISSING =
  'skipped: needs Python with the onnx module (Debian: apt-get install -y python3-onnx)';

/** Writes the fixtures of make_onnx_fixtures.py, the large ones too, into a fresh folder. */
export function makeLargeOnnxFixtures(python: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnnkit-onnx-'));
  const script = join(import.meta.dirname, 'fixtures/onnx/make_onnx_fixtures.py');
  execFileSync(python, [script, dir, '--large'], { stdio: 'inherit', timeout: 300_000 });
  return dir;
}
