// @ts-check
// A file upload that reports its progress: fetch cannot tell how much of a request body has
// gone, XMLHttpRequest can. Same contract as web/shared's createApi: the session's fresh access
// token, errors as ApiError (the API's code and message) or NetworkError, and `onUnauthorized`
// once the session is over.
import { ApiError, NetworkError } from '/shared/common.js';

/**
 * POSTs `file` as multipart/form-data (field `file`) and resolves with the JSON answer.
 * @param {{ session: import('/shared/common.js').Session,
 *   onUnauthorized: (error: unknown) => void }} transport
 * @param {string} path
 * @param {File} file
 * @param {(sent: number, total: number) => void} onProgress bytes of the body sent so far
 * @returns {Promise<unknown>}
 */
export async function uploadFile({ session, onUnauthorized }, path, file, onProgress) {
  const token = await session.fresh();
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('error', () => reject(new NetworkError(new Error('upload failed'))));
    xhr.addEventListener('abort', () => reject(new NetworkError(new Error('upload aborted'))));
    xhr.addEventListener('load', () => {
      /** @type {unknown} */
      let payload = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page, for instance
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload);
        return;
      }
      const { code, message } = /** @type {{ code?: unknown, message?: unknown }} */ (
        typeof payload === 'object' && payload !== null ? payload : {}
      );
      const error = new ApiError(
        xhr.status,
        typeof code === 'string' ? code : `HTTP_${xhr.status}`,
        typeof message === 'string' ? message : xhr.statusText,
      );
      if (xhr.status === 401 || error.code === 'ACCOUNT_DISABLED') {
        session.end(error);
        onUnauthorized(error);
      }
      reject(error);
    });
    xhr.send(form);
  });
}
