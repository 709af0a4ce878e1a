import {
  CheckpointScannedV1,
  createEvent,
  parseTopicEvent,
  PassRevokedV1,
  Topic,
  topicOf,
  UserAccessChangedV1,
} from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { samplePassIssued } from '../../../test/support/sample-events';

describe('event contracts', () => {
  it('accepts a valid pass.issued envelope on the pass topic and keeps its data', () => {
    const event = samplePassIssued();
    const parsed = parseTopicEvent(Topic.Pass, JSON.parse(JSON.stringify(event)));
    expect(parsed).toEqual({ ok: true, event });
  });

  it('refuses an event on the wrong topic', () => {
    const parsed = parseTopicEvent(Topic.Checkpoint, samplePassIssued());
    expect(parsed).toEqual({
      ok: false,
      error: 'unknown event pass.issued v1 on epass.checkpoint.v1',
    });
  });

  it('refuses an unknown version of a known type', () => {
    const parsed = parseTopicEvent(Topic.Pass, { ...samplePassIssued(), version: 2 });
    expect(parsed.ok).toBe(false);
  });

  it('refuses data that breaks the contract: float tonnage, extra fields, bad division', () => {
    const event = samplePassIssued();
    for (const data of [
      { ...event.data, tonnageKg: 12.5 },
      { ...event.data, surprise: true },
      { ...event.data, originDivision: '4102' },
    ]) {
      const parsed = parseTopicEvent(Topic.Pass, { ...event, data });
      expect(parsed.ok).toBe(false);
    }
  });

  it('refuses a malformed envelope', () => {
    const parsed = parseTopicEvent(Topic.Pass, { ...samplePassIssued(), id: 'not-a-uuid' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^envelope:/);
  });

  it('will not let a producer build an event its own contract refuses', () => {
    expect(() =>
      createEvent(PassRevokedV1, { ...samplePassIssued().data, reason: '' } as never, {
        producer: 'test',
        key: 'k',
      }),
    ).toThrow();
  });

  it('maps each event type to its one topic', () => {
    expect(topicOf(samplePassIssued())).toBe(Topic.Pass);
    expect(topicOf({ type: CheckpointScannedV1.type })).toBe(Topic.Checkpoint);
    expect(() => topicOf({ type: 'nope' })).toThrow("No topic is defined for event type 'nope'");
  });

  it('carries user.access-changed on the user topic only, with a strict shape', () => {
    const userId = randomUUID();
    const event = createEvent(
      UserAccessChangedV1,
      { userId, disabled: true, at: new Date().toISOString() },
      { producer: 'pass-service', key: userId },
    );
    expect(topicOf(event)).toBe(Topic.User);
    expect(parseTopicEvent(Topic.User, JSON.parse(JSON.stringify(event)))).toEqual({
      ok: true,
      event,
    });
    expect(parseTopicEvent(Topic.Pass, event).ok).toBe(false);
    for (const data of [
      { ...event.data, disabled: 'yes' },
      { ...event.data, userId: 'admin' },
      { ...event.data, at: '1999-12-31T23:59:59.000Z' },
      { ...event.data, reason: 'extra' },
    ])
      expect(parseTopicEvent(Topic.User, { ...event, data }).ok).toBe(false);
  });
});
