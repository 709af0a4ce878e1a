import { ConfigError } from '@app/config';
import { loadVerifyServiceConfig } from './verify-service.config';

describe('verify-service configuration: scan retention', () => {
  it('keeps scans 180 days by default, pruned hourly in batches of 1000', () => {
    expect(loadVerifyServiceConfig({}).verify.scanRetention).toEqual({
      retentionDays: 180,
      intervalMs: 3_600_000,
      batchRows: 1000,
    });
    expect(
      loadVerifyServiceConfig({
        SCAN_RETENTION_DAYS: '30',
        SCAN_PRUNE_INTERVAL_MS: '60000',
        SCAN_PRUNE_BATCH_ROWS: '200',
      }).verify.scanRetention,
    ).toEqual({ retentionDays: 30, intervalMs: 60_000, batchRows: 200 });
  });

  it.each([
    ['SCAN_RETENTION_DAYS', '0'],
    ['SCAN_RETENTION_DAYS', '-1'],
    ['SCAN_RETENTION_DAYS', '1.5'],
    ['SCAN_RETENTION_DAYS', '3651'],
    ['SCAN_RETENTION_DAYS', 'forever'],
    ['SCAN_PRUNE_INTERVAL_MS', '0'],
    ['SCAN_PRUNE_BATCH_ROWS', '0'],
    ['SCAN_PRUNE_BATCH_ROWS', '50001'],
  ])('stops on %s=%s, naming it', (name, value) => {
    const load = () => loadVerifyServiceConfig({ [name]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`${name}: `));
  });

  it('refuses a retention no longer than an offline scan may wait to be sent', () => {
    // A resent scan whose first copy was pruned would be recorded, and counted, twice.
    const load = () => loadVerifyServiceConfig({ SCAN_RETENTION_DAYS: '7' }); // 168 h = the queue
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SCAN_RETENTION_DAYS: must be longer than SCANNED_AT_MAX_AGE_HOURS/);
    expect(
      loadVerifyServiceConfig({ SCAN_RETENTION_DAYS: '1', SCANNED_AT_MAX_AGE_HOURS: '23' }).verify
        .scanRetention.retentionDays,
    ).toBe(1);
  });
});
