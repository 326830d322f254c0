import { initBackend } from '../src/index';

/** Every suite runs on the default backend of a machine without native TensorFlow: wasm. */
export async function useDefaultBackend() {
  return initBackend({ env: {} });
}
