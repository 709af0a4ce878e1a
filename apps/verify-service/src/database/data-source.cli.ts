import { loadVerifyServiceConfig } from '../config/verify-service.config';
import { buildVerifyServiceDataSource } from './verify-service.data-source';

/** For the TypeORM CLI: `typeorm migration:generate -d dist/apps/verify-service/src/database/data-source.cli.js`. */
export default buildVerifyServiceDataSource(loadVerifyServiceConfig());
