// Types for siphash (jedisct1/siphash-js), which ships none.
declare module 'siphash' {
  const SipHash: {
    /** SipHash-2-4 of a message under a 128-bit key (four 32-bit words); the 64-bit result as two halves. */
    hash(key: Uint32Array, message: Uint8Array | string): { h: number; l: number };
    hash_hex(key: Uint32Array, message: Uint8Array | string): string;
    hash_uint(key: Uint32Array, message: Uint8Array | string): number;
    string16_to_key(s: string): Uint32Array;
  };
  export default SipHash;
}
