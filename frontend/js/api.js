// Every request of the map page goes through this module. Endpoint paths live in one place (`endpoints`),
// resolved against the page's own URL so the app also works behind a proxy under a sub-path.

export const endpoints = Object.freeze({
  plots: 'api/plots',
  municipalities: 'api/municipalities',
  businessHubs: 'api/business-hubs',
  places: 'api/places',
});

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

async function getJson(path, params) {
  let response;
  try {
    response = await fetch(url(path, params), { headers: { Accept: 'application/geo+json, application/json' } });
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
