import { Injectable, type PipeTransform } from '@nestjs/common';
import { userNotFound } from './user.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is simply not found; it must never reach Postgres as a bad uuid (a 500). */
@Injectable()
export class UserIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw userNotFound();
    return value.toLowerCase();
  }
}
