// Every request of the map page goes through this module. Endpoint paths live in one place (`endpoints`),
// resolved against the page's own URL so the app also works behind a proxy under a sub-path.

export const endpoints = Object.freeze({
  plots: 'api/plots',
  municipalities: 'api/municipalities',
  businessHubs: 'api/business-hubs',
  places: 'api/places',
  search: 'api/search',
  regionStats: 'api/stats/region',
  enquiries: 'api/enquiries',
  plotTiles: 'tiles/plots/{z}/{x}/{y}.mvt',
  overlayTiles: 'tiles/{layer}/{z}/{x}/{y}.png',
  plans: 'ogc/collections/plans/items',
});

/** An endpoint template as an absolute URL (Leaflet tile layers want a string with {z}/{x}/{y}). */
export function endpointUrl(template, vars = {}) {
  const path = template.replace(/\{layer\}/g, vars.layer || '');
  return decodeURI(new URL(path, document.baseURI).href);
}

/** A failed request, with a message fit to show the user and the problem+json body when the server sent one. */
export class ApiError extends Error {
  constructor(message, status = 0, problem = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

function url(path, params = {}) {
  const u = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      u.searchParams.set(key, String(value));
    }
  }
  return u;
}

/** Turns an RFC 9457 problem (title, detail, errors[{pointer, detail}]) into one readable line. */
export function problemMessage(problem, status) {
  const parts = [];
  const title = problem?.title || `HTTP ${status}`;
  parts.push(problem?.detail ? `${title}: ${problem.detail}` : title);
  if (Array.isArray(problem?.errors)) {
    for (const e of problem.errors.slice(0, 5)) {
      if (e?.detail && !(problem.detail || '').includes(e.detail)) {
        parts.push(e.pointer ? `${e.pointer}: ${e.detail}` : e.detail);
      }
    }
  }
  return parts.join(' — ');
}

/** The CSRF token Spring Security sets as a cookie once a session exists (csrf.spa()); anonymous pages have none. */
export function csrfHeaders() {
  const m = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(document.cookie);
  return m ? { 'X-XSRF-TOKEN': decodeURIComponent(m[1]) } : {};
}

async function getJson(path, params, init = {}) {
  let response;
  try {
    response = await fetch(url(path, params), {
      ...init, headers: { Accept: 'application/geo+json, application/json', ...(init.headers || {}) },
    });
  } catch (e) {
    throw new ApiError('Får ikkje kontakt med tenaren. Sjekk nettsamband og prøv igjen.');
  }
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try {
        problem = await response.json();
      } catch (e) {
        problem = null;
      }
    }
    throw new ApiError(problemMessage(problem, response.status), response.status, problem);
  }
  try {
    return await response.json();
  } catch (e) {
    throw new ApiError(`Uventa svar frå tenaren (${response.status}).`, response.status);
  }
}

/** Published plots; `params` are the /api/plots filters (municipality, purpose, availability, bbox, limit, ...). */
export const fetchPlots = (params = {}) => getJson(endpoints.plots, params);
export const fetchMunicipalities = () => getJson(endpoints.municipalities);
export const fetchBusinessHubs = () => getJson(endpoints.businessHubs);
export const fetchPlaces = () => getJson(endpoints.places);
export const fetchPlot = (id) => getJson(`${endpoints.plots}/${encodeURIComponent(id)}`);
/** Suggestions for the search box: {results: [{type, label, detail, lon, lat, bbox?, plotId?, planId?}]}. */
export const search = (q, limit = 8) => getJson(endpoints.search, { q, limit });
export const fetchRegionStats = () => getJson(endpoints.regionStats);
/** An anonymous enquiry about a plot: 201 {id, receivedAt, message}; 422 with errors per field; 429. */
export const postEnquiry = (body) => getJson(endpoints.enquiries, {}, {
  // anonymous: without credentials a 401 can never make the browser ask for a password
  method: 'POST', credentials: 'omit', body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...csrfHeaders() },
});

/**
 * A signed-in write or read of the planner pages: JSON in, {data, etag, status} out, with the session's CSRF token.
 * `X-Requested-With` tells the server not to send a Basic challenge, so an expired session never pops up a browser
 * password dialog. Failures throw {@link ApiError} with the problem body.
 */
export async function send(method, path, { params = {}, body, headers = {}, contentType = 'application/json' } = {}) {
  let response;
  try {
    response = await fetch(url(path, params), {
      method,
      headers: { Accept: 'application/geo+json, application/json', 'X-Requested-With': 'XMLHttpRequest',
        ...(body !== undefined ? { 'Content-Type': contentType } : {}), ...csrfHeaders(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('Får ikkje kontakt med tenaren. Sjekk nettsamband og prøv igjen.');
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(problemMessage(data, response.status), response.status, data);
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

// ---------- sign-in, the signed-in user, user administration (login.html, admin.html) ----------

export const accountEndpoints = Object.freeze({
  signInOptions: 'api/auth/providers',
  me: 'api/me',
  myPassword: 'api/me/password',
  users: 'api/admin/users',
  signIns: 'api/admin/sign-ins',
  logout: 'logout',
});

/** A request of a signed-in page through {@link send}: its JSON answer, or null when there is none (204). */
const sendJson = async (method, path, body, contentType = 'application/json') =>
  (await send(method, path, { body, contentType })).data;

/** {csrfParameter, csrfToken, providers: [{id, name, href}]} for the sign-in form. */
export const fetchSignInOptions = () => getJson(accountEndpoints.signInOptions);
/** The signed-in user {username, displayName, admin, municipalities}, or null when nobody is signed in. */
export async function fetchMe() {
  try {
    return await getJson(accountEndpoints.me, {}, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  } catch (e) {
    if (e.status === 401) {
      return null;
    }
    throw e;
  }
}
export const changeMyPassword = (currentPassword, newPassword) =>
  sendJson('POST', accountEndpoints.myPassword, { currentPassword, newPassword });
export const fetchUsers = () => sendJson('GET', accountEndpoints.users);
export const createUser = (user) => sendJson('POST', accountEndpoints.users, user);
export const patchUser = (username, patch) =>
  sendJson('PATCH', `${accountEndpoints.users}/${encodeURIComponent(username)}`, patch, 'application/merge-patch+json');
export const resetPassword = (username, password) =>
  sendJson('POST', `${accountEndpoints.users}/${encodeURIComponent(username)}/password`, { password });
export const fetchSignIns = (limit = 50) => getJson(accountEndpoints.signIns, { limit });
/** Ends the session (POST /logout with the CSRF token); the server then redirects to the map page. */
export const signOut = () => fetch(url(accountEndpoints.logout), {
  method: 'POST', headers: { ...csrfHeaders(), 'X-Requested-With': 'XMLHttpRequest' },
});
