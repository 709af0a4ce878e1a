import { Injectable, type PipeTransform } from '@nestjs/common';
import { enterpriseNotFound } from './enterprise-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is simply not found; it must never reach Postgres as a bad uuid (a 500). */
@Injectable()
export class EnterpriseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw enterpriseNotFound();
    return value.toLowerCase();
  }
}
