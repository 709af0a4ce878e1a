import 'reflect-metadata';
import { runService } from '@app/platform';
import { runRebuildCommand } from './rebuild/rebuild.command';
import { reportingServiceDefinition } from './service-definition';

// `main.js rebuild` replays the topics into fresh aggregates; anything else is run-service's
// (serve, migrate, openapi).
if (process.argv[2] === 'rebuild') {
  runRebuildCommand().catch((error: unknown) => {
    process.stderr.write(
      `rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
} else {
  void runService(reportingServiceDefinition);
}
