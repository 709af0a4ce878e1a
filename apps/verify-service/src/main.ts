import 'reflect-metadata';
import { runService } from '@app/platform';
import { verifyServiceDefinition } from './service-definition';

void runService(verifyServiceDefinition);
