import { createTsupConfig } from '../../tsup.config.base';

// `./blocks` is its own entry: pure spec builders that load no TensorFlow.js.
export default createTsupConfig({ entry: ['src/index.ts', 'src/blocks.ts'], external: [/^@tensorflow\//] });
