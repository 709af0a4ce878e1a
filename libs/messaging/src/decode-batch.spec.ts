import { Topic } from '@app/contracts';
import type { KafkaMessage } from 'kafkajs';
import { samplePassIssued } from '../../../test/support/sample-events';
import { decodeBatch } from './decode-batch';

function message(value: unknown, offset: number): KafkaMessage {
  return {
    key: null,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  };
}

describe('decodeBatch', () => {
  const issued = samplePassIssued();
  const invalidIssued = { ...samplePassIssued(), data: { plate: 'not a pass' } };
  const unknownType = { ...samplePassIssued(), type: 'pass.teleported' };

  it('validates every message when the handler takes every type', () => {
    const decoded = decodeBatch(
      Topic.Pass,
      [message(issued, 0), message(invalidIssued, 1), message('{', 2)],
      undefined,
    );
    expect(decoded.events.map((e) => e.id)).toEqual([issued.id]);
    expect(decoded.poison.map((p) => p.message.offset)).toEqual(['1', '2']);
  });

  it('passes over the topic types the handler does not take, unread, even when invalid', () => {
    const decoded = decodeBatch(
      Topic.Pass,
      [message(issued, 0), message(invalidIssued, 1)],
      new Set(['pass.revoked']),
    );
    expect(decoded.events).toEqual([]);
    expect(decoded.poison).toEqual([]);
  });

  it('still dead-letters what is not an event of the topic at all', () => {
    const decoded = decodeBatch(
      Topic.Pass,
      [message('not json', 0), message(unknownType, 1), message({ type: 42 }, 2)],
      new Set(['pass.revoked']),
    );
    expect(decoded.events).toEqual([]);
    expect(decoded.poison.map((p) => p.message.offset)).toEqual(['0', '1', '2']);
  });

  it('collapses a duplicate within the batch to one event', () => {
    const decoded = decodeBatch(
      Topic.Pass,
      [message(issued, 0), message(issued, 1)],
      new Set(['pass.issued']),
    );
    expect(decoded.events.map((e) => e.id)).toEqual([issued.id]);
  });
});
