// @ts-check
// Every call the portal makes, by name. The transport is web/shared's createApi: the session's
// access token (renewed with the refresh token before it expires), JSON, errors as ApiError with
// the API's code and message, and `onUnauthorized` once the session is over.
import { createApi } from '/shared/common.js';
import { uploadFile } from './upload.js';

/**
 * `?a=1&b=2` of the parameters that have a value ('' and null are left out).
 * @param {Record<string, unknown>} params
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

/**
 * @param {{ session: import('/shared/common.js').Session,
 *   onUnauthorized: (error: unknown) => void }} options
 */
export function createPortalApi({ session, onUnauthorized }) {
  const http = createApi({ session, onUnauthorized });
  const get = (/** @type {string} */ path, params = {}) => http.get(`${path}${queryOf(params)}`);
  const post = (/** @type {string} */ path, body = {}) => http.post(path, body);
  return {
    login: (username, password) => post('/v1/auth/login', { username, password }),
    registerEnterprise: (body) => post('/v1/enterprises', body),
    /** Provinces, or the children of a province or city: `[{ code, name, level }]`. */
    divisions: (parent) => get('/v1/divisions', { parent }).then((r) => r.divisions),

    passes: {
      list: (params) => get('/v1/passes', params),
      get: (id) => http.get(`/v1/passes/${at(id)}`),
      apply: (body, idempotencyKey) =>
        http.post('/v1/passes', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
      approve: (id) => post(`/v1/passes/${at(id)}/approve`),
      reject: (id, reason) => post(`/v1/passes/${at(id)}/reject`, { reason }),
      revoke: (id, reason) => post(`/v1/passes/${at(id)}/revoke`, { reason }),
      renew: (id, window, idempotencyKey) =>
        http.post(`/v1/passes/${at(id)}/renew`, window, {
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      cancel: (id) => post(`/v1/passes/${at(id)}/cancel`),
      qrSvg: (id) => http.get(`/v1/passes/${at(id)}/qr.svg`, { as: 'blob' }),
      qrPng: (id) => http.get(`/v1/passes/${at(id)}/qr.png`, { as: 'blob' }),
      printPage: (id) => http.get(`/v1/passes/${at(id)}/print`, { as: 'text' }),
      /** The driver's link: `{ url, path, expiresAt, createdAt, replaced, qrSvg }`, shown once. */
      share: (id) => post(`/v1/passes/${at(id)}/share`),
      /** `{ createdAt, expiresAt, active }`; 404 SHARE_NOT_FOUND when there is no link. */
      shareState: (id) => http.get(`/v1/passes/${at(id)}/share`),
      withdrawShare: (id) => http.request('DELETE', `/v1/passes/${at(id)}/share`),
    },

    enterprises: {
      list: (params) => get('/v1/enterprises', params),
      approve: (id) => post(`/v1/enterprises/${at(id)}/approve`),
      reject: (id, reason) => post(`/v1/enterprises/${at(id)}/reject`, { reason }),
      suspend: (id, reason, revokePasses) =>
        post(`/v1/enterprises/${at(id)}/suspend`, { reason, revokePasses }),
      reinstate: (id, reason) =>
        post(`/v1/enterprises/${at(id)}/reinstate`, reason ? { reason } : {}),
    },

    batches: {
      get: (id) => http.get(`/v1/passes/batches/${at(id)}`),
      template: () => http.get('/v1/passes/batches/template.xlsx', { as: 'blob' }),
      result: (id) => http.get(`/v1/passes/batches/${at(id)}/result.xlsx`, { as: 'blob' }),
      /** @param {File} file @param {(sent: number, total: number) => void} onProgress */
      upload: (file, onProgress) =>
        uploadFile({ session, onUnauthorized }, '/v1/passes/batches', file, onProgress),
    },

    vehicles: {
      list: (params) => get('/v1/vehicles', params),
      register: (body) => post('/v1/vehicles', body),
    },

    webhook: {
      get: () => http.get('/v1/enterprises/me/webhook'),
      set: (url, secret) =>
        http.request('PUT', '/v1/enterprises/me/webhook', { body: { url, secret } }),
      remove: () => http.request('DELETE', '/v1/enterprises/me/webhook'),
      deliveries: (params) => get('/v1/enterprises/me/webhook/deliveries', params),
    },

    transfers: {
      list: (params) => get('/v1/plate-transfers', params),
      request: (plate, reason) => post('/v1/plate-transfers', { plate, reason }),
      approve: (id, reason) =>
        post(`/v1/plate-transfers/${at(id)}/approve`, reason ? { reason } : {}),
      reject: (id, reason) => post(`/v1/plate-transfers/${at(id)}/reject`, { reason }),
    },

    audit: {
      list: (params) => get('/v1/audit', params),
    },

    users: {
      list: (params) => get('/v1/users', params),
      create: (body) => post('/v1/users', body),
      disable: (id, reason) => post(`/v1/users/${at(id)}/disable`, { reason }),
      enable: (id, reason) => post(`/v1/users/${at(id)}/enable`, reason ? { reason } : {}),
      resetPassword: (id, password) => post(`/v1/users/${at(id)}/reset-password`, { password }),
      setScope: (id, divisionScope) => post(`/v1/users/${at(id)}/scope`, { divisionScope }),
    },

    keys: {
      published: () => http.get('/.well-known/jwks.json'),
      rotate: () => post('/v1/signing-keys/rotate'),
    },
  };
}

/** @typedef {ReturnType<typeof createPortalApi>} PortalApi */
