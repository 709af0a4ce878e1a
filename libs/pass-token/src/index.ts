export { publicJwkOf, jwkThumbprint, publicKeyFromJwk, type EcPublicJwk } from './jwk';
export { signPassQr, type PassSigningKey, type PassTokenContent } from './pass-token-signer';
export {
  checkPassQr,
  passQrKeyId,
  type PassTokenCheck,
  type PassTokenCheckOptions,
  type PassTokenRejection,
} from './pass-token-verifier';
