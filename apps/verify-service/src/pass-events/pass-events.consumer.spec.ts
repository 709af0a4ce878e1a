import { createEvent, PassRejectedV1, Topic } from '@app/contracts';
import type { KafkaMessage } from 'kafkajs';
// The consumer's own batch decoding, as KafkaEventServer runs it with the handler's types.
import { decodeBatch } from '../../../../libs/messaging/src/decode-batch';
import { samplePassIssued } from '../../../../test/support/sample-events';
import { PASS_EVENT_TYPES } from './pass-events.consumer';

const message = (value: unknown, offset: number): KafkaMessage => ({
  key: null,
  value: Buffer.from(JSON.stringify(value)),
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
  headers: {},
});

describe('verify-service pass events', () => {
  it('passes over pass.rejected (and pass.issued) unread: not applied, not dead-lettered', () => {
    const rejected = createEvent(
      PassRejectedV1,
      {
        passId: '6f1c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f',
        enterpriseId: '2f0c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f',
        plate: '豫B12345',
        reason: 'papers incomplete',
        rejectedByRole: 'official' as const,
      },
      { producer: 'test', key: '6f1c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f' },
    );
    expect(PASS_EVENT_TYPES).not.toContain('pass.rejected');
    const decoded = decodeBatch(
      Topic.Pass,
      [message(rejected, 0), message(samplePassIssued(), 1)],
      new Set(PASS_EVENT_TYPES),
    );
    expect(decoded.events).toEqual([]);
    expect(decoded.poison).toEqual([]);
  });
});
