import 'reflect-metadata';
import { findPagesDir, runService } from '@app/platform';
import { AppModule } from './app.module';
import { loadReportingServiceConfig } from './config/reporting-service.config';
import { buildReportingServiceDataSource } from './database/reporting-service.data-source';
import { runRebuildCommand } from './rebuild/rebuild.command';

// `main.js rebuild` replays the topics into fresh aggregates; anything else is run-service's (serve, migrate).
if (process.argv[2] === 'rebuild') {
  runRebuildCommand().catch((error: unknown) => {
    process.stderr.write(
      `rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
} else {
  void runService({
    loadConfig: () => loadReportingServiceConfig(),
    appModule: (config) => AppModule.register(config),
    dataSource: buildReportingServiceDataSource,
    app: {
      pagesDir: findPagesDir('reporting-service'),
      title: 'e-Pass reporting-service',
      description: 'Exact totals of passes and tonnage for logistics officials.',
    },
  });
}
