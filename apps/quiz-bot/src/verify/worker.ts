import { measure } from './measure';
import { type Measurement, measurementRequestSchema } from './requests';

// tfjs' cpu backend greets Node users on stderr on first use (suggesting tfjs-node, which cannot
// install everywhere); in the quiz's own worker that banner would land in the middle of the UI.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('looks like you are running TensorFlow.js in Node.js'))
    return;
  warn(...args);
};

export type WorkerReply =
  | { ok: true; measurement: Measurement }
  | { ok: false; code: string; message: string };

/**
 * Runs in a worker thread (tinypool): builds and measures one model. Errors come back as data, since
 * error classes do not survive the thread boundary.
 */
export default async function runMeasurement(raw: unknown): Promise<WorkerReply> {
  try {
    const request = measurementRequestSchema.parse(raw);
    return { ok: true, measurement: await measure(request) };
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'measurement_failed';
    return { ok: false, code, message: error instanceof Error ? error.message : String(error) };
  }
}
