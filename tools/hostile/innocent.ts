import { randomUUID } from 'node:crypto';
import type { EpassApi, PassView, VerificationResult } from '../shared/epass-api';
import { COUNTIES, type Actors, type IssuedPass } from './actors';
import type { Tally } from './tally';

/** Between two innocent applications, and two innocent scans: ordinary work, not load. */
const APPLY_EVERY_MS = 150;
const SCAN_EVERY_MS = 40;
const READ_EVERY_MS = 500;
/** Bounds, whatever happens to the run's deadline. */
const MAX_APPLICATIONS = 3_000;
const MAX_SCANS = 12_000;
const MAX_READS = 1_500;

/**
 * The innocent side: another enterprise keeps applying for passes, another checkpoint's officer
 * keeps scanning valid ones and an official keeps reading today's summary, from the ordinary
 * address, while the attacks run. Every one of these requests must succeed: an application is
 * issued at once, a scan is accepted, a summary is served.
 */
export class InnocentTraffic {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly pool: IssuedPass[];
  private applications = 0;
  private scans = 0;
  private reads = 0;

  constructor(
    private readonly api: EpassApi,
    private readonly actors: Actors,
    private readonly tally: Tally,
  ) {
    this.pool = [...actors.innocent.passes];
  }

  start(): void {
    this.loops = [this.applyLoop(), this.scanLoop(), this.readLoop()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  get counts(): { applications: number; scans: number; reads: number } {
    return { applications: this.applications, scans: this.scans, reads: this.reads };
  }

  /** One innocent application, judged and counted. */
  async apply(): Promise<void> {
    const application = this.actors.application(this.actors.next(), {
      originDivision: COUNTIES.innocentEnterprise,
    });
    this.applications += 1;
    try {
      const res = await this.api.pass.request<PassView>('POST', '/v1/passes', {
        body: application,
        token: this.actors.innocent.enterpriseToken,
        headers: { 'idempotency-key': randomUUID() },
        idempotent: true,
      });
      const ok = res.status === 201 && res.body?.status === 'issued' && Boolean(res.body.token);
      this.tally.innocent(
        'pass-service',
        ok,
        'POST /v1/passes (innocent application)',
        `HTTP ${res.status} ${res.raw.toString('utf8').slice(0, 160)}`,
      );
      if (ok && res.body.token) {
        this.pool.push({ id: res.body.id, qr: res.body.token, plate: application.plate });
      }
    } catch (error) {
      this.tally.innocent(
        'pass-service',
        false,
        'POST /v1/passes (innocent application)',
        String(error),
      );
    }
  }

  /** One innocent scan of a valid pass at the innocent checkpoint, judged and counted. */
  async scan(): Promise<void> {
    const pass = this.pool[this.scans % this.pool.length];
    const officer = this.actors.innocent.officer;
    this.scans += 1;
    try {
      const res = await this.api.verify.request<VerificationResult>('POST', '/v1/verifications', {
        body: {
          qr: pass.qr,
          checkpointCode: officer.checkpointCode,
          direction: this.scans % 2 === 0 ? 'entry' : 'exit',
          observedPlate: pass.plate,
          clientScanId: randomUUID(),
        },
        token: officer.token,
        idempotent: true,
      });
      const ok = res.status === 200 && res.body?.verdict === 'accepted';
      this.tally.innocent(
        'verify-service',
        ok,
        'POST /v1/verifications (innocent scan)',
        `HTTP ${res.status} ${res.raw.toString('utf8').slice(0, 160)}`,
      );
    } catch (error) {
      this.tally.innocent(
        'verify-service',
        false,
        'POST /v1/verifications (innocent scan)',
        String(error),
      );
    }
  }

  /** One innocent read of today's summary, judged and counted. */
  async read(): Promise<void> {
    const today = new Date().toISOString().slice(0, 10);
    this.reads += 1;
    try {
      const res = await this.api.reporting.request<{ passesIssued?: unknown }>(
        'GET',
        `/v1/reports/summary?from=${today}&to=${today}`,
        { token: this.actors.innocent.officialToken },
      );
      this.tally.innocent(
        'reporting-service',
        res.status === 200 && typeof res.body?.passesIssued === 'number',
        'GET /v1/reports/summary (innocent read)',
        `HTTP ${res.status} ${res.raw.toString('utf8').slice(0, 160)}`,
      );
    } catch (error) {
      this.tally.innocent(
        'reporting-service',
        false,
        'GET /v1/reports/summary (innocent read)',
        String(error),
      );
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped && this.reads < MAX_READS) {
      await this.read();
      await pause(READ_EVERY_MS);
    }
  }

  private async applyLoop(): Promise<void> {
    while (!this.stopped && this.applications < MAX_APPLICATIONS) {
      await this.apply();
      await pause(APPLY_EVERY_MS);
    }
  }

  private async scanLoop(): Promise<void> {
    while (!this.stopped && this.scans < MAX_SCANS) {
      await this.scan();
      await pause(SCAN_EVERY_MS);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
