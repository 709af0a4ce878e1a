import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KafkaConnection } from '@app/messaging';
import { Public } from '@app/auth';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Contract } from './openapi/operation-contract';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

/** What readiness asks of a service's dependencies (PlatformOptions.readyWithoutKafka). */
export interface HealthOptions {
  readyWithoutKafka: boolean;
}
export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

const liveSchema = z.strictObject({ status: z.literal('ok'), service: z.string() });

const dependencySchema = z.strictObject({
  status: z.enum(['up', 'down']),
  error: z.string().optional(),
});

const readySchema = z
  .strictObject({
    status: z.enum(['ok', 'degraded', 'unavailable']),
    service: z.string(),
    checks: z.strictObject({ postgres: dependencySchema, kafka: dependencySchema }),
  })
  .meta({ id: 'Readiness' });

/**
 * Liveness and readiness, apart: an orchestrator restarts a process that stops answering
 * /health/live, and sends traffic only to one whose /health/ready is 200. A service that writes
 * its events to an outbox keeps doing its job while Kafka is away, so Kafka gates its readiness
 * only where the service says it cannot work without it; the check is reported either way.
 */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Contract({
    summary: 'Liveness: the process answers',
    description: 'Touches no dependency, so an outage never restarts the process.',
    responses: { 200: liveSchema },
  })
  /** 200 while the process answers; touches no dependency, so an outage never restarts it. */
  @Public()
  @Get('health/live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.kafka.options.serviceName };
  }

  @Contract({
    summary: 'Readiness: the service can do its job now (`/health` is the old name)',
    description:
      '`ok`, or `degraded` when Kafka is down but not needed (events wait in the outbox); 503 `unavailable` otherwise.',
    responses: { 200: readySchema, 503: readySchema },
  })
  /**
   * 200 when the service can do its job now: `ok`, or `degraded` when Kafka is down but not
   * needed (events wait in the outbox). 503 `unavailable` otherwise. `/health` is the old name.
   */
  @Public()
  @Get(['health/ready', 'health'])
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, kafka] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.kafka.ping()),
    ]);
    const kafkaGates = !this.options.readyWithoutKafka;
    const ready = postgres.status === 'up' && (kafka.status === 'up' || !kafkaGates);
    const status = !ready ? 'unavailable' : kafka.status === 'up' ? 'ok' : 'degraded';
    await reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status,
      service: this.kafka.options.serviceName,
      checks: { postgres, kafka },
    });
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
