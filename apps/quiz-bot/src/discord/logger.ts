import pino, { type DestinationStream, type Logger } from 'pino';
import { redact } from './config';

/**
 * A structured log (JSON lines). The token is scrubbed from every line before it is written, so
 * neither a log call nor a serialised error (discord.js puts request details in some) can leak it.
 */
export function createLogger(options: {
  secrets: readonly string[];
  level?: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'cnnkit-quiz-discord' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: { streamWrite: (line) => redact(line, options.secrets) },
    },
    options.destination ?? pino.destination(2),
  );
}
export type { Logger };
