import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type InvalidSpecDetails, ShapeMathError, type ShapeMathIssue } from './errors';
import { defaultLayerName } from './layers';

/** zod's issue as data: which check failed and what it allows (zod's issue fields, renamed once). */
export function invalidSpecDetails(issue: z.core.$ZodIssue): InvalidSpecDetails {
  switch (issue.code) {
    case 'invalid_type':
      return { check: issue.code, expected: issue.expected };
    case 'too_small':
      return {
        check: issue.code,
        minimum: Number(issue.minimum),
        ...(issue.inclusive === undefined ? {} : { inclusive: issue.inclusive }),
      };
    case 'too_big':
      return {
        check: issue.code,
        maximum: Number(issue.maximum),
        ...(issue.inclusive === undefined ? {} : { inclusive: issue.inclusive }),
      };
    case 'invalid_value':
      return { check: issue.code, allowed: issue.values };
    case 'unrecognized_keys':
      return { check: issue.code, keys: issue.keys };
    default:
      return { check: issue.code };
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// zod/mini has no messages of its own ("Invalid input"): zod's English ones, for this parse only
// (z.config would change them for the whole application). Made on first use, so a bundle without
// validation does not carry them.
let englishMessages: z.core.$ZodErrorMap | undefined;

/**
 * The one place where a ZodError becomes the project's own error: each issue keeps its path,
 * gains the layer it belongs to and the rejected value, and the ZodError stays as `cause`.
 */
export function validate<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  rootPath: readonly string[] = [],
): z.output<S> {
  englishMessages ??= en().localeError;
  const result = z.safeParse(schema, value, { error: englishMessages });
  if (result.success) return result.data;

  const issues: ShapeMathIssue[] = result.error.issues.map((zodIssue) => {
    const path = zodIssue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    const layersAt = rootPath.length === 0 ? path.indexOf('layers') : -1;
    const layerIndex = layersAt === 0 && typeof path[1] === 'number' ? path[1] : undefined;
    const givenName = layerIndex === undefined ? undefined : valueAt(value, ['layers', layerIndex, 'name']);
    const kind = layerIndex === undefined ? undefined : valueAt(value, ['layers', layerIndex, 'kind']);
    // Same default name as analyze() gives, so both kinds of error point at the layer the same way.
    const layerName =
      givenName ??
      (typeof kind === 'string' && layerIndex !== undefined ? defaultLayerName(kind, layerIndex) : undefined);
    // For an unrecognised kind, zod points at the layer; the value worth showing is its kind.
    const shownPath =
      zodIssue.code === 'invalid_union' && layerIndex !== undefined && path.length === 2
        ? [...path, 'kind']
        : path;
    const where = {
      path: [...rootPath, ...shownPath],
      value: valueAt(value, shownPath),
      message: zodIssue.message,
      ...(layerIndex === undefined ? {} : { layerIndex }),
      ...(typeof layerName === 'string' ? { layerName } : {}),
    };
    // A misspelt key has one code in every cnnkit package, in a spec as in an options object.
    const issue: ShapeMathIssue =
      zodIssue.code === 'unrecognized_keys'
        ? { code: 'unknown_option', ...where, details: { check: 'unrecognized_keys', keys: zodIssue.keys } }
        : { code: 'invalid_spec', ...where, details: invalidSpecDetails(zodIssue) };
    return issue;
  });
  throw new ShapeMathError(issues, { cause: result.error });
}
