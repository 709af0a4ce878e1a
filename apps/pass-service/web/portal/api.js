// @ts-check
// Every call the portal makes, by name. The transport is web/shared's createApi: the session's
// access token (renewed with the refresh token before it expires), JSON, errors as ApiError with
// the API's code and message, and `onUnauthorized` once the session is over.
import { createApi } from '/shared/common.js';
import { uploadFile } from './upload.js';

/**
 * `?a=1&b=2` of the parameters that have a value ('' and null are left out).
 * @param {Params} params
 */
export function queryOf(params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

const at = encodeURIComponent;

/** A JSON body as a form builds it. @typedef {Record<string, unknown>} Body */
/** A list's filters and cursor. @typedef {Record<string, string | number | boolean | null | undefined>} Params */

// What the portal reads from pass-service's answers (the OpenAPI description at /docs has them
// in full; apps/pass-service/src/**/*.view.ts define them).

/** @typedef {{ code: string, name: string, level: string }} Division */
/**
 * @typedef {{ field: string, column?: string, cell?: string, code: string, message: string }}
 *   BatchRowError
 */
/**
 * @typedef {{ row: number, status: 'issued' | 'pending_review' | 'invalid' | 'refused',
 *   plate: string, passId?: string, passNumber?: string, errors?: BatchRowError[] }} BatchRow
 */
/**
 * An uploaded sheet of applications and what became of each row.
 * @typedef {{ batchId: string, status: string, fileName: string, fileKind: string,
 *   createdAt: string, finishedAt: string | null, counts: { rows: number, issued: number,
 *   pendingReview: number, invalid: number, refused: number }, rows: BatchRow[] }} Batch
 */
/**
 * One delivery of an event to the enterprise's webhook.
 * @typedef {{ id: string, eventType: string, status: string, attempts: number,
 *   lastStatusCode: number | null, lastError: string | null, createdAt: string }} Delivery
 */
/**
 * @template T
 * @typedef {{ items: T[], nextCursor: string | null }} Page
 */
/**
 * @typedef {{ id: string, passNumber: string | null, status: string, enterpriseId: string,
 *   plate: string, trailerPlate: string | null, driverName: string, driverPhone: string,
 *   cargoCategory: string, cargoDescription: string | null, tonnage: string, tonnageKg: number,
 *   originDivision: string, originName: string, destinationDivision: string,
 *   destinationName: string, crossProvince: boolean, validFrom: string, validUntil: string,
 *   rejectionReason: string | null, revocationReason: string | null, createdAt: string,
 *   issuedAt: string | null, revokedAt: string | null, cancelledAt: string | null,
 *   renewedFrom: string | null, token?: string | null }} Pass
 */
/**
 * @typedef {{ id: string, creditCode: string, name: string, divisionCode: string,
 *   divisionName: string, contactName: string, contactPhone: string, status: string,
 *   statusReason: string | null, createdAt: string, decidedAt: string | null }} Enterprise
 */
/**
 * @typedef {{ id: string, username: string, role: string, enterpriseId: string | null,
 *   checkpointCode: string | null, divisionScope: string | null, disabled: boolean,
 *   disabledAt: string | null, disabledReason: string | null, createdAt: string }} User
 */
/**
 * @typedef {{ id: string, plate: string, enterpriseId: string, kind: string,
 *   trailerPlate: string | null, licenceNumber: string | null, createdAt: string }} Vehicle
 */
/**
 * @typedef {{ id: string, plate: string, fromEnterpriseId: string, fromEnterpriseName: string,
 *   toEnterpriseId: string, toEnterpriseName: string, status: string, reason: string,
 *   decisionReason: string | null, createdAt: string, decidedAt: string | null }} Transfer
 */
/**
 * @typedef {{ actor: { id: string | null, name: string, role: string, requestId?: string | null },
 *   action: string, target: { type: string, id: string }, divisionCode: string | null,
 *   reason?: string | null, details?: Record<string, string | number | boolean | null>,
 *   at: string, requestId?: string | null }} AuditEntry
 */

/**
 * The driver's link as it is made, shown once: `url` carries the secret.
 * @typedef {{ url: string, path: string, expiresAt: string, createdAt: string,
 *   replaced: boolean, qrSvg: string }} ShareLink
 */
/** Whether a pass has a driver's link (never the link itself). @typedef {{ createdAt: string, expiresAt: string, active: boolean }} ShareState */
/** @typedef {{ url: string, createdAt: string }} WebhookSetting */
/** @typedef {{ kid: string, retiredKid?: string | null }} Rotation */

/**
 * The answer of a call, as pass-service documents it. The transport checks no shapes, so each
 * call below names the one it gets (the services validate what they send against the same).
 * @template T
 * @param {Promise<unknown>} answer
 * @returns {Promise<T>}
 */
const answerOf = (answer) => /** @type {Promise<T>} */ (answer);

/**
 * @param {{ session: import('/shared/common.js').Session,
 *   onUnauthorized: (error: unknown) => void }} options
 */
export function createPortalApi({ session, onUnauthorized }) {
  const http = createApi({ session, onUnauthorized });
  /** @param {string} path @param {Params} [params] @returns {Promise<unknown>} */
  const get = (path, params = {}) => http.get(`${path}${queryOf(params)}`);
  /** @param {string} path @param {Body} [body] @returns {Promise<unknown>} */
  const post = (path, body = {}) => http.post(path, body);
  /** @param {string} path @param {string} idempotencyKey @param {Body} body @returns {Promise<unknown>} */
  const postOnce = (path, idempotencyKey, body) =>
    http.post(path, body, { headers: { 'Idempotency-Key': idempotencyKey } });
  /** @param {string} path @returns {Promise<Blob>} */
  const blob = (path) => answerOf(http.get(path, { as: 'blob' }));
  /** @param {'PUT' | 'DELETE'} method @param {string} path @param {Body} [body] @returns {Promise<unknown>} */
  const send = (method, path, body) => http.request(method, path, body ? { body } : {});

  /** @typedef {(id: string) => Promise<Pass>} PassChange */
  /** @typedef {(id: string, reason: string) => Promise<Pass>} PassDecision */
  return {
    /** @type {(username: string, password: string) => Promise<import('/shared/common.js').TokenAnswer>} */
    login: (username, password) => answerOf(post('/v1/auth/login', { username, password })),
    /** @type {(body: Body) => Promise<Enterprise>} */
    registerEnterprise: (body) => answerOf(post('/v1/enterprises', body)),
    /**
     * Provinces, or the children of a province or city.
     * @type {(parent?: string) => Promise<Division[]>}
     */
    divisions: (parent) =>
      answerOf(get('/v1/divisions', { parent })).then(
        (/** @type {{ divisions: Division[] }} */ r) => r.divisions,
      ),

    passes: {
      /** @type {(params: Params) => Promise<Page<Pass>>} */
      list: (params) => answerOf(get('/v1/passes', params)),
      /** @type {PassChange} */
      get: (id) => answerOf(get(`/v1/passes/${at(id)}`)),
      /** @type {(body: Body, idempotencyKey: string) => Promise<Pass>} */
      apply: (body, idempotencyKey) => answerOf(postOnce('/v1/passes', idempotencyKey, body)),
      /** @type {PassChange} */
      approve: (id) => answerOf(post(`/v1/passes/${at(id)}/approve`)),
      /** @type {PassDecision} */
      reject: (id, reason) => answerOf(post(`/v1/passes/${at(id)}/reject`, { reason })),
      /** @type {PassDecision} */
      revoke: (id, reason) => answerOf(post(`/v1/passes/${at(id)}/revoke`, { reason })),
      /** @type {(id: string, window: { validFrom: string, validUntil: string }, idempotencyKey: string) => Promise<Pass>} */
      renew: (id, window, idempotencyKey) =>
        answerOf(postOnce(`/v1/passes/${at(id)}/renew`, idempotencyKey, window)),
      /** @type {PassChange} */
      cancel: (id) => answerOf(post(`/v1/passes/${at(id)}/cancel`)),
      /** @param {string} id */
      qrSvg: (id) => blob(`/v1/passes/${at(id)}/qr.svg`),
      /** @param {string} id */
      qrPng: (id) => blob(`/v1/passes/${at(id)}/qr.png`),
      /** @type {(id: string) => Promise<string>} */
      printPage: (id) => answerOf(http.get(`/v1/passes/${at(id)}/print`, { as: 'text' })),
      /** @type {(id: string) => Promise<ShareLink>} */
      share: (id) => answerOf(post(`/v1/passes/${at(id)}/share`)),
      /** 404 SHARE_NOT_FOUND when there is no link. @type {(id: string) => Promise<ShareState>} */
      shareState: (id) => answerOf(get(`/v1/passes/${at(id)}/share`)),
      /** @param {string} id */
      withdrawShare: (id) => send('DELETE', `/v1/passes/${at(id)}/share`),
    },

    enterprises: {
      /** @type {(params: Params) => Promise<Page<Enterprise>>} */
      list: (params) => answerOf(get('/v1/enterprises', params)),
      /** @type {(id: string) => Promise<Enterprise>} */
      approve: (id) => answerOf(post(`/v1/enterprises/${at(id)}/approve`)),
      /** @type {(id: string, reason: string) => Promise<Enterprise>} */
      reject: (id, reason) => answerOf(post(`/v1/enterprises/${at(id)}/reject`, { reason })),
      /** @type {(id: string, reason: string, revokePasses: boolean) => Promise<Enterprise & { passesRevoked: number }>} */
      suspend: (id, reason, revokePasses) =>
        answerOf(post(`/v1/enterprises/${at(id)}/suspend`, { reason, revokePasses })),
      /** @type {(id: string, reason: string) => Promise<Enterprise>} */
      reinstate: (id, reason) =>
        answerOf(post(`/v1/enterprises/${at(id)}/reinstate`, reason ? { reason } : {})),
    },

    batches: {
      /** @type {(id: string) => Promise<Batch>} */
      get: (id) => answerOf(get(`/v1/passes/batches/${at(id)}`)),
      template: () => blob('/v1/passes/batches/template.xlsx'),
      /** @param {string} id */
      result: (id) => blob(`/v1/passes/batches/${at(id)}/result.xlsx`),
      /** @type {(file: File, onProgress: (sent: number, total: number) => void) => Promise<Batch>} */
      upload: (file, onProgress) =>
        answerOf(uploadFile({ session, onUnauthorized }, '/v1/passes/batches', file, onProgress)),
    },

    vehicles: {
      /** @type {(params: Params) => Promise<Page<Vehicle>>} */
      list: (params) => answerOf(get('/v1/vehicles', params)),
      /** @type {(body: Body) => Promise<Vehicle>} */
      register: (body) => answerOf(post('/v1/vehicles', body)),
    },

    webhook: {
      /** @type {() => Promise<WebhookSetting | null>} */
      get: () => answerOf(get('/v1/enterprises/me/webhook')),
      /** @type {(url: string, secret: string) => Promise<WebhookSetting>} */
      set: (url, secret) => answerOf(send('PUT', '/v1/enterprises/me/webhook', { url, secret })),
      remove: () => send('DELETE', '/v1/enterprises/me/webhook'),
      /** @type {(params: Params) => Promise<Page<Delivery>>} */
      deliveries: (params) => answerOf(get('/v1/enterprises/me/webhook/deliveries', params)),
    },

    transfers: {
      /** @type {(params: Params) => Promise<Page<Transfer>>} */
      list: (params) => answerOf(get('/v1/plate-transfers', params)),
      /** @type {(plate: string, reason: string) => Promise<Transfer>} */
      request: (plate, reason) => answerOf(post('/v1/plate-transfers', { plate, reason })),
      /** @type {(id: string, reason: string) => Promise<Transfer>} */
      approve: (id, reason) =>
        answerOf(post(`/v1/plate-transfers/${at(id)}/approve`, reason ? { reason } : {})),
      /** @type {(id: string, reason: string) => Promise<Transfer>} */
      reject: (id, reason) => answerOf(post(`/v1/plate-transfers/${at(id)}/reject`, { reason })),
    },

    audit: {
      /** @type {(params: Params) => Promise<Page<AuditEntry>>} */
      list: (params) => answerOf(get('/v1/audit', params)),
    },

    users: {
      /** @type {(params: Params) => Promise<Page<User>>} */
      list: (params) => answerOf(get('/v1/users', params)),
      /** @type {(body: Body) => Promise<User>} */
      create: (body) => answerOf(post('/v1/users', body)),
      /** @type {(id: string, reason: string) => Promise<User>} */
      disable: (id, reason) => answerOf(post(`/v1/users/${at(id)}/disable`, { reason })),
      /** @type {(id: string, reason: string) => Promise<User>} */
      enable: (id, reason) =>
        answerOf(post(`/v1/users/${at(id)}/enable`, reason ? { reason } : {})),
      /** @type {(id: string, password: string) => Promise<unknown>} */
      resetPassword: (id, password) => post(`/v1/users/${at(id)}/reset-password`, { password }),
      /** @type {(id: string, divisionScope: string | null) => Promise<User>} */
      setScope: (id, divisionScope) =>
        answerOf(post(`/v1/users/${at(id)}/scope`, { divisionScope })),
    },

    keys: {
      /** @type {() => Promise<{ keys: { kid: string }[] }>} */
      published: () => answerOf(get('/.well-known/jwks.json')),
      /** @type {() => Promise<Rotation>} */
      rotate: () => answerOf(post('/v1/signing-keys/rotate')),
    },
  };
}

/** @typedef {ReturnType<typeof createPortalApi>} PortalApi */
