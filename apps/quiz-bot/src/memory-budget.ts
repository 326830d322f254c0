/*
 * The memory budget as a person writes it: `--memory-budget 512MiB` on the command line, or
 * `CNNKIT_MEMORY_BUDGET=2GiB` in the environment (issue 22).
 */
import { DEFAULT_MEMORY_BUDGET_BYTES, formatBytes } from '@cnnkit/shape-math';
import { z } from 'zod';
import { QuizError } from './errors';

/** The environment variable that sets the measuring service's memory budget. */
export const MEMORY_BUDGET_ENV = 'CNNKIT_MEMORY_BUDGET';

/** Bytes per unit, binary and decimal, case-insensitive (`B` or no unit: bytes). */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
};

/** Smallest budget accepted: less cannot hold the quiz's own process. */
export const MIN_MEMORY_BUDGET_BYTES = 64 * 1024 ** 2;
/** Largest budget accepted (the wasm heap of each worker is bounded at 4 GiB anyway). */
export const MAX_MEMORY_BUDGET_BYTES = 1024 ** 4;

const ALLOWED =
  'a size such as "512MiB", "2GiB", "1.5GB" or a number of bytes such as "2147483648", from 64MiB to 1TiB';

/** A memory size: a positive number with an optional unit (B, KiB, MiB, GiB, TiB, kB, MB, GB, TB), as bytes. */
export const memorySizeSchema = z
  .string()
  .trim()
  .transform((text, context) => {
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
    const unit = match?.[2]?.toLowerCase();
    const factor = unit === undefined ? undefined : UNITS[unit];
    if (match === null || factor === undefined) {
      context.addIssue({ code: 'custom', message: `is not a memory size: use ${ALLOWED}` });
      return z.NEVER;
    }
    const bytes = Math.floor(Number(match[1]) * factor);
    if (bytes < MIN_MEMORY_BUDGET_BYTES || bytes > MAX_MEMORY_BUDGET_BYTES) {
      context.addIssue({
        code: 'custom',
        message: `is ${formatBytes(bytes)}, outside what the quiz accepts: use ${ALLOWED}`,
      });
      return z.NEVER;
    }
    return bytes;
  });

/** The budget in bytes from `text`, or a coded `invalid_input` error naming `source` and what is allowed. */
export function parseMemoryBudget(text: string, source: string): number {
  const parsed = memorySizeSchema.safeParse(text);
  if (parsed.success) return parsed.data;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new QuizError(
    'invalid_input',
    `${source} ${JSON.stringify(shown)} ${parsed.error.issues[0]!.message}`,
    {
      cause: parsed.error,
    },
  );
}

/**
 * The budget a MeasurementService uses when its options name none: `CNNKIT_MEMORY_BUDGET` when set
 * (and not empty), else shape-math's `DEFAULT_MEMORY_BUDGET_BYTES` (2 GiB).
 */
export function memoryBudgetFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[MEMORY_BUDGET_ENV];
  if (text === undefined || text.trim() === '') return DEFAULT_MEMORY_BUDGET_BYTES;
  return parseMemoryBudget(text, MEMORY_BUDGET_ENV);
}
