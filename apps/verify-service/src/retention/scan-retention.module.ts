import { Module } from '@nestjs/common';
import { ScanRetention } from './scan-retention';

/** Deletes scans past SCAN_RETENTION_DAYS (docs/privacy.md). */
@Module({ providers: [ScanRetention], exports: [ScanRetention] })
export class ScanRetentionModule {}
