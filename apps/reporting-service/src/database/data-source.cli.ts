import { loadReportingServiceConfig } from '../config/reporting-service.config';
import { buildReportingServiceDataSource } from './reporting-service.data-source';

/** For the TypeORM CLI: `typeorm migration:generate -d dist/apps/reporting-service/src/database/data-source.cli.js`. */
export default buildReportingServiceDataSource(loadReportingServiceConfig());
