import { findPagesDir, type ServiceDefinition } from '@app/platform';
import { AppModule } from './app.module';
import { MAX_BATCH_FILE_BYTES } from './batches/batch-file';
import { loadPassServiceConfig, type PassServiceConfig } from './config/pass-service.config';
import { buildPassServiceDataSource } from './database/pass-service.data-source';
import { PRINT_PAGE_STYLE } from './qr/print-page';

/** pass-service as main.ts runs it; the tests and the OpenAPI export build it from here too. */
export const passServiceDefinition: ServiceDefinition<PassServiceConfig> = {
  loadConfig: (env) => loadPassServiceConfig(env),
  appModule: (config) => AppModule.register(config),
  dataSource: buildPassServiceDataSource,
  app: {
    pagesDir: findPagesDir('pass-service'),
    // The printout the portal writes into a pop-up runs under the portal's CSP.
    pageInlineStyles: [PRINT_PAGE_STYLE],
    // The spreadsheet of a batch application (POST /v1/passes/batches).
    uploadFileBytes: MAX_BATCH_FILE_BYTES,
    title: 'e-Pass pass-service',
    description:
      'Enterprises apply for freight vehicle passes; officials review; passes are issued as signed QR codes.',
  },
};
