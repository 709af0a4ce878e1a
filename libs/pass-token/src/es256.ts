/**
 * ES256 signatures as JWS carries them (RFC 7518 §3.4): r ‖ s, 32 bytes each, not DER.
 *
 * ECDSA has two valid signatures for every (message, key): (r, s) and its twin (r, n − s). A
 * verifier that takes both lets anyone respell a genuine token without the key, so the signer
 * always writes the low one (s ≤ n/2, as Bitcoin's BIP 62 does) and the verifiers refuse the
 * other: a token has exactly one spelling that verifies.
 */
export const ES256_SIGNATURE_BYTES = 64;

const COMPONENT_BYTES = 32;
/** The order of the P-256 group (FIPS 186-4, D.1.2.3). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_N = P256_N >> 1n;
const HALF_N_BYTES = Buffer.from(P256_HALF_N.toString(16).padStart(64, '0'), 'hex');

/** True when s (the second half of an r ‖ s signature) is at most n/2. */
export function hasLowS(signature: Uint8Array): boolean {
  // A byte comparison: no bigint on the checkpoint's hot path.
  return (
    Buffer.compare(signature.subarray(COMPONENT_BYTES, ES256_SIGNATURE_BYTES), HALF_N_BYTES) <= 0
  );
}

/** The same signature with s replaced by n − s when s is above n/2. */
export function toLowS(signature: Buffer): Buffer {
  return hasLowS(signature) ? signature : twinSignature(signature);
}

/** The other valid signature of the same message, (r, n − s). */
export function twinSignature(signature: Buffer): Buffer {
  const s = BigInt(`0x${signature.subarray(COMPONENT_BYTES).toString('hex')}`);
  const twin = Buffer.from((P256_N - s).toString(16).padStart(COMPONENT_BYTES * 2, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, COMPONENT_BYTES), twin]);
}
