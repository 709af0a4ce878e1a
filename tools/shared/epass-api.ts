import type { CargoCategory } from '@app/domain';
import { expectStatus, HttpClient } from './http-client';

/** The public API v1 of the three services (DESIGN.md), as the load tools use it. */
export interface StackUrls {
  pass: string;
  verify: string;
  reporting: string;
}

export interface PassApplication {
  plate: string;
  driverName: string;
  driverPhone: string;
  cargoCategory: CargoCategory;
  cargoDescription?: string;
  tonnage: string;
  originDivision: string;
  destinationDivision: string;
  validFrom: string;
  validUntil: string;
}

export interface PassView {
  id: string;
  passNumber: string | null;
  status: 'issued' | 'pending_review' | 'rejected' | 'revoked' | 'cancelled';
  token?: string | null;
}

export interface VerificationResult {
  verdict: 'accepted' | 'rejected';
  reason: string | null;
  scanId: string;
  cloneSuspected?: boolean;
}

export interface Summary {
  passesIssued: number;
  passesRevoked: number;
  crossProvincePasses: number;
  tonnageDeclared: string;
  tonnageThroughCheckpoints: string;
  scansAccepted: number;
  scansRejected: number;
  rejectedByReason?: Record<string, number>;
  completeUpTo?: string | null;
}

export class EpassApi {
  readonly pass: HttpClient;
  readonly verify: HttpClient;
  readonly reporting: HttpClient;

  constructor(urls: StackUrls, maxSockets = 128, retryUnavailableMs = 0, localAddress?: string) {
    this.pass = new HttpClient(urls.pass, maxSockets, retryUnavailableMs, localAddress);
    this.verify = new HttpClient(urls.verify, maxSockets, retryUnavailableMs, localAddress);
    this.reporting = new HttpClient(urls.reporting, maxSockets, retryUnavailableMs, localAddress);
  }

  close(): void {
    for (const client of [this.pass, this.verify, this.reporting]) client.close();
  }

  async login(username: string, password: string): Promise<string> {
    const res = await this.pass.request<{ accessToken: string }>('POST', '/v1/auth/login', {
      body: { username, password },
    });
    return expectStatus(res, [200, 201], `login ${username}`).body.accessToken;
  }

  async registerEnterprise(input: {
    name: string;
    creditCode: string;
    divisionCode: string;
    username: string;
    password: string;
  }): Promise<{ id: string }> {
    const res = await this.pass.request<{ id: string }>('POST', '/v1/enterprises', {
      body: { ...input, contactName: '张经理', contactPhone: '13800138000' },
    });
    return expectStatus(res, 201, `register ${input.creditCode}`).body;
  }

  /** An official's or the admin's approval: pending_review → active. */
  async approveEnterprise(token: string, id: string): Promise<void> {
    const res = await this.pass.request('POST', `/v1/enterprises/${id}/approve`, {
      body: {},
      token,
    });
    expectStatus(res, 200, `approve enterprise ${id}`);
  }

  /**
   * Registers an enterprise and has the admin approve it, so that its intra-province applications
   * are issued at once: a new registration alone is pending review, and every application of it
   * waits for an official.
   */
  async registerActiveEnterprise(
    adminToken: string,
    input: Parameters<EpassApi['registerEnterprise']>[0],
  ): Promise<{ id: string }> {
    const enterprise = await this.registerEnterprise(input);
    await this.approveEnterprise(adminToken, enterprise.id);
    return enterprise;
  }

  async createUser(
    adminToken: string,
    input: { username: string; password: string; role: string; checkpointCode?: string },
  ): Promise<void> {
    const res = await this.pass.request('POST', '/v1/users', { body: input, token: adminToken });
    expectStatus(res, 201, `create user ${input.username}`);
  }

  async applyForPass(
    token: string,
    application: PassApplication,
    idempotencyKey?: string,
  ): Promise<PassView> {
    const res = await this.pass.request<PassView>('POST', '/v1/passes', {
      body: application,
      token,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      idempotent: idempotencyKey !== undefined,
    });
    return expectStatus(res, [200, 201], `apply ${application.plate}`).body;
  }

  async getPass(token: string, id: string): Promise<PassView> {
    const res = await this.pass.request<PassView>('GET', `/v1/passes/${id}`, { token });
    return expectStatus(res, 200, `get pass ${id}`).body;
  }

  async approve(token: string, id: string): Promise<PassView> {
    const res = await this.pass.request<PassView>('POST', `/v1/passes/${id}/approve`, { token });
    return expectStatus(res, [200, 201], `approve ${id}`).body;
  }

  async revoke(token: string, id: string, reason: string): Promise<void> {
    const res = await this.pass.request('POST', `/v1/passes/${id}/revoke`, {
      body: { reason },
      token,
    });
    expectStatus(res, [200, 201], `revoke ${id}`);
  }

  async createCheckpoint(
    adminToken: string,
    input: { code: string; name: string; divisionCode: string },
  ): Promise<void> {
    const res = await this.verify.request('POST', '/v1/checkpoints', {
      body: input,
      token: adminToken,
    });
    expectStatus(res, [201, 409], `create checkpoint ${input.code}`);
  }

  async verifyPass(
    token: string,
    input: {
      qr: string;
      checkpointCode: string;
      direction: 'entry' | 'exit';
      observedPlate?: string;
      /** Makes the scan safe to resend: the service records it once. */
      clientScanId?: string;
    },
  ): Promise<VerificationResult> {
    const res = await this.verify.request<VerificationResult>('POST', '/v1/verifications', {
      body: input,
      token,
      idempotent: input.clientScanId !== undefined,
    });
    return expectStatus(res, 200, `verify at ${input.checkpointCode}`).body;
  }

  async summary(token: string, from: string, to: string): Promise<Summary> {
    const res = await this.reporting.request<Summary>(
      'GET',
      `/v1/reports/summary?from=${from}&to=${to}`,
      { token },
    );
    return expectStatus(res, 200, 'summary').body;
  }
}
