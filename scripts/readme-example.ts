/**
 * Doc tests: runs the first ```ts example of a package's README, with every line of the form
 * `expression; // value` (or `console.log(expression); // value`) turned into an assertion when
 * the comment starts with a JSON number, array, object or boolean. A README whose example drifts
 * from the code then fails the build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The longest leading run of the comment that parses as non-string JSON, if any. */
function leadingJsonValue(comment: string): string | undefined {
  const words = comment.trim().split(' ');
  for (let n = words.length; n > 0; n--) {
    // "25557032, torchvision.models.resnet50": the value ends at the punctuation.
    const candidate = words
      .slice(0, n)
      .join(' ')
      .replace(/[,;:]$/, '');
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value !== 'string') return candidate;
    } catch {
      // shorter prefix next
    }
  }
  return undefined;
}

export function readmeExample(readme: string): { code: string; assertions: number } {
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('the README has no ```ts example');
  let assertions = 0;
  const lines = match[1]!.split('\n').map((line) => {
    const statement = /^(\s*)(?:console\.log\((.*)\)|(.*?));\s*\/\/\s*(.+)$/.exec(line);
    if (!statement) return line;
    const [, indent, logged, bare, comment] = statement;
    const expression = logged ?? bare!;
    if (/^(const|let|var|import|await|return)\b/.test(expression)) return line;
    const value = leadingJsonValue(comment!);
    if (value === undefined) return line;
    assertions++;
    return `${indent}assert.deepStrictEqual(JSON.parse(JSON.stringify(${expression})), ${value});${logged === undefined ? '' : ` console.log(${logged});`}`;
  });
  return { code: `import assert from 'node:assert/strict';\n${lines.join('\n')}`, assertions };
}

/** tsx's loader as a file URL, so `--import` works from any working directory. */
export function tsxLoader(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: { '.': string } };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['.'])).href;
}

/** Writes the example into the package (so its imports resolve) and runs it in a scratch folder. */
export function runReadmeExample(packageDirectory: string) {
  const { code, assertions } = readmeExample(readFileSync(join(packageDirectory, 'README.md'), 'utf8'));
  const file = join(packageDirectory, `.readme-example-${process.pid}.ts`);
  const scratch = mkdtempSync(join(tmpdir(), 'cnnkit-readme-'));
  writeFileSync(file, code);
  try {
    const result = spawnSync(
      process.execPath,
      ['--import', tsxLoader(), '--conditions=@cnnkit/source', file],
      {
        cwd: scratch,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, assertions };
  } finally {
    rmSync(file, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
