import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArchitectureError } from '@cnnkit/architectures';
import { LayersGpuError } from '@cnnkit/layers-gpu';
import { SegmentationError } from '@cnnkit/segmentation';
import { CnnkitError, type ConvArithmeticError, convOutputLength, isCnnkitError } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { DiscordConfigError } from '../src/discord/config';
import { BotError } from '../src/discord/errors';
import { QuizError } from '../src/errors';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) ? [path] : [];
  });
}

describe('one error family: every cnnkit error is a CnnkitError', () => {
  const planted = (() => {
    try {
      convOutputLength(4, 5, 'valid');
    } catch (error) {
      return error;
    }
    return undefined;
  })();

  test.each([
    ['ArchitectureError', new ArchitectureError('unknown_architecture', 'x', { given: 'x', allowed: [] })],
    ['LayersGpuError', new LayersGpuError('backend_not_initialised', 'x', {})],
    ['SegmentationError', new SegmentationError('invalid_options', 'x')],
    ['ConvArithmeticError', planted],
    ['QuizError', new QuizError('invalid_input', 'x')],
    ['BotError', new BotError('internal', 'x')],
    ['DiscordConfigError', new DiscordConfigError('x')],
  ])('%s', (name, error) => {
    expect(error).toBeInstanceOf(CnnkitError);
    expect(isCnnkitError(error)).toBe(true);
    expect((error as CnnkitError).name).toBe(name);
    expect(Object.keys((error as CnnkitError).toJSON())).toEqual(
      expect.arrayContaining(['name', 'code', 'message', 'path', 'details']),
    );
  });

  test('conv arithmetic keeps its problem as data', () => {
    expect((planted as ConvArithmeticError).problem).toEqual((planted as ConvArithmeticError).details);
  });

  // The rule for the next error class too: no source file of a package or app declares an error
  // class outside the family (only CnnkitError itself extends Error).
  test('no source file declares an error class that extends Error directly', () => {
    const offenders = ['packages', 'apps']
      .flatMap((top) => readdirSync(join(repoRoot, top)).map((name) => join(repoRoot, top, name, 'src')))
      .flatMap((dir) => {
        try {
          return sourceFiles(dir);
        } catch {
          return [];
        }
      })
      .flatMap((file) =>
        [
          ...readFileSync(file, 'utf8').matchAll(
            /^\s*(?:export\s+)?(?:abstract\s+)?class\s+(\w+)[^{]*?\bextends\s+(Error|RangeError|TypeError)\b/gm,
          ),
        ].map((match) => `${relative(repoRoot, file)}: ${match[1]} extends ${match[2]}`),
      )
      .filter((line) => !line.endsWith('CnnkitError extends Error'));
    expect(offenders).toEqual([]);
  });
});
