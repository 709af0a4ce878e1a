import 'reflect-metadata';
import { runService } from '@app/platform';
import { passServiceDefinition } from './service-definition';

void runService(passServiceDefinition);
