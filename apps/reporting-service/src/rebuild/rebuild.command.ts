import { NestFactory } from '@nestjs/core';
import type { AuditActor } from '@app/audit';
import { ConfigError } from '@app/config';
import { ensureDatabase } from '@app/database';
import { userInfo } from 'node:os';
import {
  loadReportingServiceConfig,
  REPORTING_GROUP_ID,
  type ReportingServiceConfig,
} from '../config/reporting-service.config';
import { RebuildModule } from './rebuild.module';
import { RebuildAggregatesUseCase, type RebuildReport } from './rebuild-aggregates.use-case';

const LIVE_CATCH_UP_TIMEOUT_MS = 30_000;

/**
 * The person at the command line, as the operating system knows them: the audit trail's actor
 * for a rebuild (no access token is involved). Without a passwd entry (some containers) the uid.
 */
export function commandLineOperator(): AuditActor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = `uid:${process.getuid?.() ?? 'unknown'}`;
  }
  return { id: null, name: `${name}@cli`, role: 'operator' };
}

/** Runs one rebuild in its own Nest context; the service itself may keep running meanwhile. */
export async function rebuildAggregates(
  config: ReportingServiceConfig,
  operator: AuditActor = commandLineOperator(),
): Promise<RebuildReport> {
  await ensureDatabase(config.database.url);
  const context = await NestFactory.createApplicationContext(RebuildModule.register(config), {
    logger: ['error', 'warn', 'log'],
  });
  try {
    return await context.get(RebuildAggregatesUseCase).execute({
      liveGroupId: REPORTING_GROUP_ID,
      liveCatchUpTimeoutMs: LIVE_CATCH_UP_TIMEOUT_MS,
      operator,
    });
  } finally {
    await context.close();
  }
}

/** `node main.js rebuild`: prints the report as JSON; exit 0 when the totals match the live ones. */
export async function runRebuildCommand(): Promise<void> {
  let config: ReportingServiceConfig;
  try {
    config = loadReportingServiceConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const report = await rebuildAggregates(config);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    report.totalsMatch
      ? `generation ${report.generation} is live; its totals equal generation ${report.previousGeneration}'s\n`
      : `generation ${report.generation} is live; its totals DIFFER from generation ${report.previousGeneration}'s (see differences)\n`,
  );
  process.exitCode = report.totalsMatch ? 0 : 1;
}
