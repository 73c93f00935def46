/** Compact, exact encoding of float arrays inside JSON model files (base64 of little-endian float32). */

export function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloat32(text: string, expectedLength: number): Float32Array {
  const buf = Buffer.from(text, 'base64');
  if (buf.byteLength !== expectedLength * 4) {
    throw new Error(`expected ${expectedLength} floats, got ${buf.byteLength / 4}`);
  }
  const out = new Float32Array(expectedLength);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
