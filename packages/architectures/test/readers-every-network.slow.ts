import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, test } from 'vitest';
import { ARCHITECTURE_NAMES } from '../src/index';
import { testInputShape } from './onnx-agreement';
import { expectReadersAgree, readerAgreement } from './reader-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('every network of the registry: model.toJSON() → readKerasModel and toOnnx → readOnnx agree with describe', () => {
  test.each(ARCHITECTURE_NAMES)(
    '%s',
    (name) => {
      expectReadersAgree(readerAgreement(name, testInputShape(name)));
    },
    300_000,
  );
});
