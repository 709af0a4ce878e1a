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

// What the portal reads from pass-service's answers: the types generated from its OpenAPI
// description (npm run openapi), which the service checks its own answers against. Types only:
// nothing of tools/ is in the page.

/** @typedef {import('../../../../tools/shared/api/pass-service').paths} Paths */
/** @typedef {import('../../../../tools/shared/api/pass-service').components['schemas']} Schemas */
/**
 * The JSON body of the success answer (200 or 201) of `method path`.
 * @template {keyof Paths} P
 * @template {'get' | 'post' | 'put' | 'delete'} M
 * @typedef {Paths[P][M] extends { responses: infer R }
 *   ? R extends { 200: { content: { 'application/json': infer J } } } ? J
 *   : R extends { 201: { content: { 'application/json': infer J } } } ? J
 *   : never
 *   : never} Answer
 */

/** @typedef {Schemas['Pass']} Pass */
/** @typedef {Schemas['Enterprise']} Enterprise */
/** @typedef {Schemas['User']} User */
/** @typedef {Schemas['Vehicle']} Vehicle */
/** @typedef {Schemas['PlateTransfer']} Transfer */
/** @typedef {Schemas['AuditEntry']} AuditEntry */
/** An uploaded sheet of applications and what became of each row. @typedef {Schemas['Batch']} Batch */
/** @typedef {Batch['rows'][number]} BatchRow */
/** @typedef {NonNullable<BatchRow['errors']>[number]} BatchRowError */
/** One delivery of an event to the enterprise's webhook. @typedef {Schemas['WebhookDelivery']} Delivery */
/** @typedef {Schemas['Webhook']} WebhookSetting */
/** The driver's link as it is made, shown once: `url` carries the secret. @typedef {Schemas['PassShare']} ShareLink */
/** Whether a pass has a driver's link (never the link itself). @typedef {Answer<'/v1/passes/{id}/share', 'get'>} ShareState */
/** @typedef {Answer<'/v1/divisions', 'get'>['divisions'][number]} Division */
/** @typedef {Answer<'/v1/signing-keys/rotate', 'post'>} Rotation */

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
      /** @type {(params: Params) => Promise<Answer<'/v1/passes', 'get'>>} */
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
      /** @type {(params: Params) => Promise<Answer<'/v1/enterprises', 'get'>>} */
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
      /** @type {(params: Params) => Promise<Answer<'/v1/vehicles', 'get'>>} */
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
      /** @type {(params: Params) => Promise<Answer<'/v1/enterprises/me/webhook/deliveries', 'get'>>} */
      deliveries: (params) => answerOf(get('/v1/enterprises/me/webhook/deliveries', params)),
    },

    transfers: {
      /** @type {(params: Params) => Promise<Answer<'/v1/plate-transfers', 'get'>>} */
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
      /** @type {(params: Params) => Promise<Answer<'/v1/audit', 'get'>>} */
      list: (params) => answerOf(get('/v1/audit', params)),
    },

    users: {
      /** @type {(params: Params) => Promise<Answer<'/v1/users', 'get'>>} */
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
