/**
 * Typed arrays carved one after another from one buffer (8-byte arrays first): a run's closed form
 * needs some twenty, and each array of its own would be a separate off-heap allocation for the
 * garbage collector to track.
 */
export function arena(bytes: number) {
  const buf = new ArrayBuffer(bytes);
  let off = 0;
  return {
    f64(len: number): Float64Array {
      const v = new Float64Array(buf, off, len);
      off += 8 * len;
      return v;
    },
    i32(len: number): Int32Array {
      const v = new Int32Array(buf, off, len);
      off += 4 * len;
      return v;
    },
    u8(len: number): Uint8Array {
      const v = new Uint8Array(buf, off, len);
      off += len;
      return v;
    },
  };
}
