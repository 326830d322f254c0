import type { Dtype } from './schemas';

/** Bytes per element of each supported element type. */
export const BYTES_PER_ELEMENT: Readonly<Record<Dtype, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int8: 1,
};

/** Bytes one element of `dtype` takes (`float32`: 4). */
export function bytesPerElement(dtype: Dtype): number {
  return BYTES_PER_ELEMENT[dtype];
}
