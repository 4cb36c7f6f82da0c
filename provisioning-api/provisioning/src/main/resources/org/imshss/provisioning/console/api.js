// The API's client. The token lives in this module's memory only: never in a URL, a cookie or web storage,
// so reloading the page or opening another tab asks for it again.
const BASE = '/api/v1';
let token = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.title ? problem.title + ' (' + status + ')' : 'HTTP ' + status);
    this.status = status;
    this.errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export function setToken(value) {
  token = value;
}

export function loggedIn() {
  return token !== null;
}

export function path(...segments) {
  return segments.map(encodeURIComponent).join('/');
}

export async function call(method, relative, body, headers = {}) {
  const init = { method, headers: { ...headers, Authorization: 'Bearer ' + token }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(BASE + '/' + relative, init);
  const text = await response.text();
  const parsed = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return { status: response.status, body: parsed, etag: response.headers.get('ETag') };
}

export const get = (relative) => call('GET', relative).then((r) => r.body);
