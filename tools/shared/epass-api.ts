import type { paths as PassServicePaths, SchemaPass } from './api/pass-service';
import type { paths as ReportingServicePaths } from './api/reporting-service';
import type { paths as VerifyServicePaths } from './api/verify-service';
import { expectStatus, HttpClient } from './http-client';
import { TypedClient, type Answer, type Operation, type RequestBody } from './typed-client';

/** The public API v1 of the three services (DESIGN.md), as the load tools use it. */
export interface StackUrls {
  pass: string;
  verify: string;
  reporting: string;
}

/** The services' contracts (docs/api), as `npm run openapi` generated their types. */
type PassPaths = PassServicePaths;
type VerifyPaths = VerifyServicePaths;
type ReportingPaths = ReportingServicePaths;

export type PassApplication = RequestBody<Operation<PassPaths, '/v1/passes', 'post'>>;
export type PassView = SchemaPass;
export type VerifyRequest = RequestBody<Operation<VerifyPaths, '/v1/verifications', 'post'>>;
export type VerificationResult = Answer<Operation<VerifyPaths, '/v1/verifications', 'post'>>;
export type Summary = Answer<Operation<ReportingPaths, '/v1/reports/summary', 'get'>>;

export class EpassApi {
  readonly pass: HttpClient;
  readonly verify: HttpClient;
  readonly reporting: HttpClient;
  /** The same connections, typed by each service's contract. */
  readonly passApi: TypedClient<PassPaths>;
  readonly verifyApi: TypedClient<VerifyPaths>;
  readonly reportingApi: TypedClient<ReportingPaths>;

  constructor(urls: StackUrls, maxSockets = 128, retryUnavailableMs = 0, localAddress?: string) {
    this.pass = new HttpClient(urls.pass, maxSockets, retryUnavailableMs, localAddress);
    this.verify = new HttpClient(urls.verify, maxSockets, retryUnavailableMs, localAddress);
    this.reporting = new HttpClient(urls.reporting, maxSockets, retryUnavailableMs, localAddress);
    this.passApi = new TypedClient(this.pass);
    this.verifyApi = new TypedClient(this.verify);
    this.reportingApi = new TypedClient(this.reporting);
  }

  close(): void {
    for (const client of [this.pass, this.verify, this.reporting]) client.close();
  }

  async login(username: string, password: string): Promise<string> {
    const res = await this.passApi.call('post', '/v1/auth/login', {
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
    const res = await this.passApi.call('post', '/v1/enterprises', {
      body: { ...input, contactName: '张经理', contactPhone: '13800138000' },
    });
    return expectStatus(res, 201, `register ${input.creditCode}`).body;
  }

  /** An official's or the admin's approval: pending_review → active. */
  async approveEnterprise(token: string, id: string): Promise<void> {
    const res = await this.passApi.call('post', '/v1/enterprises/{id}/approve', {
      params: { id },
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
    input: RequestBody<Operation<PassPaths, '/v1/users', 'post'>>,
  ): Promise<void> {
    const res = await this.passApi.call('post', '/v1/users', { body: input, token: adminToken });
    expectStatus(res, 201, `create user ${input.username}`);
  }

  async applyForPass(
    token: string,
    application: PassApplication,
    idempotencyKey?: string,
  ): Promise<PassView> {
    const res = await this.passApi.call('post', '/v1/passes', {
      body: application,
      token,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      idempotent: idempotencyKey !== undefined,
    });
    return expectStatus(res, [200, 201], `apply ${application.plate}`).body;
  }

  async getPass(token: string, id: string): Promise<PassView> {
    const res = await this.passApi.call('get', '/v1/passes/{id}', { params: { id }, token });
    return expectStatus(res, 200, `get pass ${id}`).body;
  }

  async approve(token: string, id: string): Promise<PassView> {
    const res = await this.passApi.call('post', '/v1/passes/{id}/approve', {
      params: { id },
      token,
    });
    return expectStatus(res, [200, 201], `approve ${id}`).body;
  }

  async revoke(token: string, id: string, reason: string): Promise<void> {
    const res = await this.passApi.call('post', '/v1/passes/{id}/revoke', {
      params: { id },
      body: { reason },
      token,
    });
    expectStatus(res, [200, 201], `revoke ${id}`);
  }

  async createCheckpoint(
    adminToken: string,
    input: RequestBody<Operation<VerifyPaths, '/v1/checkpoints', 'post'>>,
  ): Promise<void> {
    const res = await this.verifyApi.call('post', '/v1/checkpoints', {
      body: input,
      token: adminToken,
    });
    expectStatus(res, [201, 409], `create checkpoint ${input.code}`);
  }

  async verifyPass(
    token: string,
    /** A `clientScanId` makes the scan safe to resend: the service records it once. */
    input: VerifyRequest,
  ): Promise<VerificationResult> {
    const res = await this.verifyApi.call('post', '/v1/verifications', {
      body: input,
      token,
      idempotent: input.clientScanId !== undefined,
    });
    return expectStatus(res, 200, `verify at ${input.checkpointCode}`).body;
  }

  async summary(token: string, from: string, to: string): Promise<Summary> {
    const res = await this.reportingApi.call('get', '/v1/reports/summary', {
      query: { from, to },
      token,
    });
    return expectStatus(res, 200, 'summary').body;
  }
}
