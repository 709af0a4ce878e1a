import { loadPassServiceConfig } from '../config/pass-service.config';
import { buildPassServiceDataSource } from './pass-service.data-source';

/** For the TypeORM CLI: `typeorm migration:generate -d dist/apps/pass-service/src/database/data-source.cli.js`. */
export default buildPassServiceDataSource(loadPassServiceConfig());
