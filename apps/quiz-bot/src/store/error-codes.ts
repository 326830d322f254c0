/** Error codes on an error, its cause and its aggregated errors (Node reports IPv4 and IPv6 attempts together). */
export function errorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const own = (error as { code?: unknown }).code;
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...errorCodes((error as { cause?: unknown }).cause, seen),
    ...((error as { errors?: unknown[] }).errors ?? []).flatMap((e) => errorCodes(e, seen)),
  ];
}

/** The message of the innermost cause of an error (the driver's own words). */
export function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
