import { Global, Module } from '@nestjs/common';
import { AfterCommit } from './after-commit';

/** One AfterCommit subscriber for the whole service. */
@Global()
@Module({ providers: [AfterCommit], exports: [AfterCommit] })
export class AfterCommitModule {}
