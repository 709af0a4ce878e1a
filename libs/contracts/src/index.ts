export { Topic } from './topics';
export {
  envelopeSchema,
  createEvent,
  defineEvent,
  type Envelope,
  type EventDefinition,
  type EventMeta,
  type EventOf,
} from './envelope';
export * as fields from './fields';
/** The edge rules every service shares: free text, the instant range and per-field codes. */
export {
  EARLIEST_DATE,
  EARLIEST_INSTANT,
  INSTANT_RANGE_HINT,
  LATEST_DATE,
  LATEST_INSTANT,
  TEXT_INVALID,
  boundedText,
  coded,
  codedFields,
  isDateInRange,
  isFreeText,
  isInstantInRange,
  plainText,
  zonedDateTime,
  zonedInstant,
} from './fields';
export { PassIssuedV1 } from './events/pass-issued.v1';
export { PassRevokedV1 } from './events/pass-revoked.v1';
export { PassRejectedV1 } from './events/pass-rejected.v1';
export { SigningKeyActivatedV1 } from './events/signing-key-activated.v1';
export { UserAccessChangedV1 } from './events/user-access-changed.v1';
export {
  CheckpointScannedV1,
  SCAN_REJECTION_REASONS,
  type ScanRejectionReason,
} from './events/checkpoint-scanned.v1';
export {
  EVENTS_BY_TOPIC,
  isEventTopic,
  isTypeOfTopic,
  parseTopicEvent,
  topicOf,
  type AnyEvent,
  type EventTopic,
  type ParseResult,
  type TopicEvent,
} from './topic-map';
export {
  PASS_QR_PREFIX,
  PASS_QR_MAX_LENGTH,
  PASS_TOKEN_ISSUER,
  CARGO_SHORT_CODES,
  passTokenClaims,
  cargoFromShortCode,
  type PassTokenClaims,
} from './pass-token';
