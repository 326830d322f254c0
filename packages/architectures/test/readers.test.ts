import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, test } from 'vitest';
import { expectReadersAgree, readerAgreement } from './reader-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The small networks; every network of the registry is in readers-every-network.slow.ts.
describe('tfjs toJSON → readKerasModel and toOnnx → readOnnx give describe’s counts and shapes', () => {
  test.each([
    ['lenet5', undefined],
    ['exercise2', undefined],
    ['mobilenet', [64, 64, 3]],
  ] as const)('%s', (name, inputShape) => {
    expectReadersAgree(readerAgreement(name, inputShape));
  });
});
