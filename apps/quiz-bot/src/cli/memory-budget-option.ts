/*
 * `--memory-budget SIZE`: the measuring service's memory budget for this run, over
 * `CNNKIT_MEMORY_BUDGET` and the 2 GiB default (issue 22). Kept apart from main.ts so the option
 * travels with whichever file parses the command line.
 */
import { z } from 'zod';
import { MEMORY_BUDGET_ENV, memoryBudgetFromEnvironment, memorySizeSchema } from '../memory-budget';

/** The option as `node:util`'s parseArgs takes it. */
export const MEMORY_BUDGET_OPTION = { 'memory-budget': { type: 'string' } } as const;

/** The flag's value in bytes, with "--memory-budget" named in the message of a bad value. */
export const memoryBudgetArgSchema = z
  .string({ error: '--memory-budget needs a size, e.g. 512MiB or 2GiB' })
  .transform((text, context) => {
    const parsed = memorySizeSchema.safeParse(text);
    if (parsed.success) return parsed.data;
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    context.addIssue({
      code: 'custom',
      message: `--memory-budget ${JSON.stringify(shown)} ${parsed.error.issues[0]!.message}`,
    });
    return z.NEVER;
  });

/**
 * The MeasurementService options for a command line: the flag's budget when given, else
 * `CNNKIT_MEMORY_BUDGET`'s when set, else none (the service's default). Throws the environment
 * variable's coded `invalid_input` error when its value is not a size.
 */
export function memoryBudgetServiceOptions(
  flagBytes: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { memoryBudgetBytes?: number } {
  if (flagBytes !== undefined) return { memoryBudgetBytes: flagBytes };
  if (env[MEMORY_BUDGET_ENV] === undefined) return {};
  return { memoryBudgetBytes: memoryBudgetFromEnvironment(env) };
}
