/*
 * A protobuf wire-format reader for the few ONNX messages shape-math needs (no dependency: a
 * generic protobuf library decodes every field of every message, weights included, into objects).
 * It walks fields by tag and skips what it does not ask for; a `bytes` field comes back as a
 * subarray, a view on the caller's buffer, so an initializer's weights are never copied.
 * Wire types (protobuf encoding spec): 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit.
 */

/**
 * A malformed protobuf: truncated, or a field whose wire type the message does not allow. Internal:
 * `readOnnx` turns it into `invalid_model_file`; still one of the cnnkit error family.
 */
export class WireError extends CnnkitError<'malformed_protobuf', Readonly<Record<string, never>>> {
  override readonly name = 'WireError';
  constructor(message: string) {
    super({ code: 'malformed_protobuf', message, details: {} });
  }
}

import { CnnkitError } from '../cnnkit-error';

const decoder = /* @__PURE__ */ new TextDecoder('utf-8');

/** One message's bytes, read field by field. */
export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint as a number; beyond 2^53 (only negative int64s get there) see `int64`. */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  /** A signed int64 (two's complement in 10 bytes when negative), as a number. */
  int64(): number {
    const start = this.pos;
    const value = this.varint();
    // A negative int64 takes 10 bytes; the float sum above lost its low bits, so redo it exactly.
    if (this.pos - start < 10) return value;
    let big = 0n;
    for (let i = this.pos - 1; i >= start; i--) big = (big << 7n) | BigInt(this.buf[i]! & 0x7f);
    return Number(BigInt.asIntN(64, big));
  }

  /** A tag: field number and wire type. */
  tag(): { field: number; wire: number } {
    const tag = this.varint();
    return { field: Math.floor(tag / 8), wire: tag & 7 };
  }

  /** A length-delimited field as [start, end) in the buffer. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    const end = start + length;
    if (end > this.end) throw new WireError('length-delimited field runs past its message');
    this.pos = end;
    return [start, end];
  }

  bytes(): Uint8Array {
    const [start, end] = this.span();
    return this.buf.subarray(start, end);
  }

  string(): string {
    const [start, end] = this.span();
    return decoder.decode(this.buf.subarray(start, end));
  }

  /** A nested message, read by its own reader (no copy). */
  message(): WireReader {
    const [start, end] = this.span();
    return new WireReader(this.buf, start, end);
  }

  float32(): number {
    if (this.pos + 4 > this.end) throw new WireError('truncated float');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getFloat32(0, true);
  }

  /** A repeated int64 field: packed (wire 2) or one element (wire 0). */
  int64s(wire: number, into: number[]): void {
    if (wire === 0) {
      into.push(this.int64());
      return;
    }
    const [start, end] = this.span();
    const inner = new WireReader(this.buf, start, end);
    while (!inner.done()) into.push(inner.int64());
  }

  /** A repeated float field: packed (wire 2) or one element (wire 5). */
  floats(wire: number, into: number[]): void {
    if (wire === 5) {
      into.push(this.float32());
      return;
    }
    const [start, end] = this.span();
    const inner = new WireReader(this.buf, start, end);
    while (!inner.done()) into.push(inner.float32());
  }

  /** Skips a field of any wire type. */
  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.span();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new WireError(`unknown wire type ${wire}`);
    }
    if (this.pos > this.end) throw new WireError('truncated fixed-size field');
  }
}
