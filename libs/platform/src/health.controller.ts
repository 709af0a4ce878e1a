import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KafkaConnection } from '@app/messaging';
import { Public } from '@app/auth';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

/** Readiness: 200 when Postgres and Kafka both answer, 503 with the failing part otherwise. */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
  ) {}

  @Public()
  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, kafka] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.kafka.ping()),
    ]);
    const up = postgres.status === 'up' && kafka.status === 'up';
    await reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: up ? 'ok' : 'unavailable',
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
