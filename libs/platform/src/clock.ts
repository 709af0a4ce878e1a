import { Injectable } from '@nestjs/common';

/**
 * The time a rule reads (a pass's expiry at the checkpoint, say). Services take it by injection
 * rather than calling `new Date()`, so a test sets the time a rule sees instead of waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
