import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCompareArguments } from '../scripts/compare-arguments';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the compare script’s command line', () => {
  test('good arguments become compareSegmenters settings (pnpm’s -- skipped)', () => {
    const parsed = parseCompareArguments([
      '--',
      '--epochs',
      '3',
      '--size',
      '96',
      '--train',
      '40',
      '--test',
      '8',
      '--seed',
      '0',
      '--models',
      'fcn8s,unet',
      '--json',
      '--png',
      'out.png',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        json: true,
        png: 'out.png',
        options: { epochs: 3, size: 96, trainCount: 40, testCount: 8, seed: 0, models: ['fcn8s', 'unet'] },
      },
    });
    expect(parseCompareArguments([])).toEqual({ ok: true, value: { json: false, options: {} } });
  });

  test.each([
    { argv: ['--epochs', 'nope'], names: '--epochs "nope"', allowed: 'an integer from 1 to 1000' },
    { argv: ['--epochs', '2.5'], names: '--epochs "2.5"', allowed: 'an integer from 1 to 1000' },
    { argv: ['--epochs', '0'], names: '--epochs "0"', allowed: 'an integer from 1 to 1000' },
    { argv: ['--size', '50'], names: '--size "50"', allowed: 'a multiple of 32' },
    { argv: ['--train', '-4'], names: "'--train'", allowed: 'argument' },
    { argv: ['--seed', '1e3'], names: '--seed "1e3"', allowed: 'an integer from 0 to 4294967295' },
    {
      argv: ['--models', 'fcn8s,segnet'],
      names: '--models "fcn8s,segnet"',
      allowed: 'fcn32s, fcn16s, fcn8s, unet',
    },
    { argv: ['--epoch', '2'], names: "'--epoch'", allowed: 'usage:' },
    { argv: ['--size'], names: "'--size", allowed: 'usage:' },
    { argv: ['extra'], names: "'extra'", allowed: 'usage:' },
  ])('$argv is a usage error naming the argument', ({ argv, names, allowed }) => {
    const parsed = parseCompareArguments(argv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(names);
    expect(parsed.message).toContain(allowed);
    expect(parsed.message).toContain('usage: pnpm --filter @cnnkit/segmentation compare');
  });

  test('the script prints the usage error without a stack and exits with 2', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@cnnkit/source', 'scripts/compare.ts', '--', '--epochs', 'nope'],
      { cwd: packageDirectory, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--epochs "nope": must be an integer from 1 to 1000');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });
});
