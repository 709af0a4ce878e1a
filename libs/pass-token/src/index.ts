export {
  publicJwkOf,
  jwkThumbprint,
  publicKeyFromJwk,
  passKeyId,
  isKidOf,
  isLegacyPassKid,
  isPassKidShape,
  PASS_KID_LENGTH,
  LEGACY_PASS_KID_LENGTH,
  type EcPublicJwk,
} from './jwk';
export { hasLowS, twinSignature } from './es256';
export { signPassQr, type PassSigningKey, type PassTokenContent } from './pass-token-signer';
export {
  checkPassQr,
  passQrKeyId,
  type PassTokenCheck,
  type PassTokenCheckOptions,
  type PassTokenRejection,
} from './pass-token-verifier';
