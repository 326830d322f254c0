import { ARCHITECTURE_NAMES, getArchitecture } from '@cnnkit/architectures';
import { resolveComputeRequest } from '../../resolve';
import type { MeasurementRequestInput } from '../../verify/requests';
import type { CliCommand } from '../command';
import { formatMeasurement, startSpinner } from '../format';
import type { Args } from '../options';

/** `cnnkit-quiz compute params|stride|exercise2 …`: build and run a real model, print what it measured. */
export const compute: CliCommand = {
  name: 'compute',
  async run({ args, command, print, measurer }) {
    const request = computeRequest(command[1], args);
    const stop = args.json ? () => {} : startSpinner('building and running the real model…');
    const measurement = await measurer.measure(request).finally(stop);
    const convention =
      command[1] === 'params' && args.arch !== undefined ? conventionOf(args.arch) : undefined;
    if (args.json)
      print(JSON.stringify({ ...measurement, ...(convention === undefined ? {} : { convention }) }, null, 2));
    else
      print(
        [formatMeasurement(measurement), ...(convention === undefined ? [] : [`  ${convention}`])].join('\n'),
      );
    return 0;
  },
};

/** Which reference implementation's count an architecture follows, and how the others differ. */
function conventionOf(name: string): string {
  const reference = getArchitecture(name).reference;
  const others = ARCHITECTURE_NAMES.filter((n) => n !== name && n.split('-')[0] === name.split('-')[0]);
  return `Convention: ${reference.implementation} (${reference.params.toLocaleString('en-US')} parameters, counting ${reference.counts === 'trainable' ? 'trainable weights, as PyTorch does' : 'all weights, as Keras\' "Total params" does'}): ${reference.convention}.${others.length === 0 ? '' : ` Other conventions: ${others.map((n) => `--arch ${n}`).join(', ')}.`}`;
}

/** The engine's resolver decides defaults and limits; the terminal passes what was typed and names its flags. */
function computeRequest(what: string | undefined, args: Args): MeasurementRequestInput {
  const { arch, count, side, quantity, variant, batch } = args;
  return resolveComputeRequest({ what, arch, count, side, quantity, variant, batch }, (name) => `--${name}`);
}
