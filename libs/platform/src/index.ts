export { AppError } from './app-error';
export { HttpErrorFilter, type ErrorBody } from './http-error.filter';
export { errorLanguageOf, errorMessageIn, type ErrorLanguage } from './error-language';
export { ZH_ERROR_MESSAGES } from './error-messages.zh';
export { ZodValidationPipe } from './zod-validation.pipe';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { Clock } from './clock';
export { PeriodicTask } from './periodic-task';
export {
  createServiceApp,
  type ObservedAnswer,
  type ServiceAppOptions,
} from './create-service-app';
export { runService, type ServiceDefinition } from './run-service';
export { findPagesDir } from './pages';
export { RequestId } from './request-id.decorator';
export { SECRET_IN_URL } from './service-logger';
export {
  Contract,
  XLSX_MEDIA,
  type MediaAnswer,
  type OperationContract,
} from './openapi/operation-contract';
export { describeApiOffline } from './openapi/api-document-offline';
export { contractProblems } from './openapi/contract-problems';
