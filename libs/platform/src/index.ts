export { AppError } from './app-error';
export { HttpErrorFilter, type ErrorBody } from './http-error.filter';
export { ZodValidationPipe } from './zod-validation.pipe';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { createServiceApp, type ServiceAppOptions } from './create-service-app';
export { runService, type ServiceDefinition } from './run-service';
export { findPagesDir } from './pages';
export { currentRequestId } from './request-context';
