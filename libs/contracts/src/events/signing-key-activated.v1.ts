import { z } from 'zod';
import { defineEvent, type EventOf } from '../envelope';
import { Topic } from '../topics';

export const SigningKeyActivatedV1 = defineEvent({
  type: 'signing-key.activated',
  version: 1,
  topic: Topic.Pass,
  data: z.strictObject({
    kid: z.string().min(1).max(100),
    publicJwk: z.strictObject({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string().min(1).max(100),
      y: z.string().min(1).max(100),
    }),
  }),
});
export type SigningKeyActivatedV1 = EventOf<typeof SigningKeyActivatedV1>;
