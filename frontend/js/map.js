// The map page: plots from vector tiles coloured by purpose, a filter panel with a sortable result list, a search
// box, the plot sheet with an enquiry form, a region chart, and the whole state in the address.
// Feature properties are always written with textContent (STYLE.md 2.9), never as HTML.

import {
  fetchBusinessHubs, fetchMunicipalities, fetchPlaces, fetchPlot, fetchPlots, fetchRegionStats, search as apiSearch,
} from './api.js';
import { el } from './dom.js';
import { applyTranslations, formatArea, formatDistance, formatNumber, language, setLanguage, t } from './i18n.js';
import {
  BACKGROUND_ATTRIBUTION, CENTRE_STYLE, HUB_STYLE, PURPOSE_COLORS, backgroundLayer, legendContent, markerStyle,
  overlayLayer, plotTileLayer, probeBackground, purposeColor,
} from './layers.js';
import { openSheet, closeSheet, sheetPlotId } from './sheet.js';

const L = window.L;
const PLOT_LIMIT = 1000;
/** Below this zoom a plot is a few pixels wide, so each also gets a marker at its centre to be seen and clicked. */
const MARKER_MAX_ZOOM = 13;
const BOUNDARY_ATTRIBUTION = 'Kommunegrenser © Kartverket, CC BY 4.0';
const FILTER_KEYS = ['municipality', 'purpose', 'available', 'permanentResidence', 'noHazards', 'minArea', 'maxArea',
  'minPrice', 'maxPrice', 'infra', 'maxHubDistance', 'maxCentreDistance', 'sort'];

/** What tests and curious developers can read. */
const state = {
  ready: false, plotCount: 0, plotsMatched: 0, errors: [], matchedIds: [], listCount: 0,
  allPlots: new Map(), municipalities: [], hubs: [], places: [], filter: {}, vectorTiles: false, background: 'none',
};
window.arealbank = state;

const $ = (id) => document.getElementById(id);
const statusEl = $('status');
const messageEl = $('message');
const form = $('filter-form');

// ---------- language ----------
const params = new URLSearchParams(window.location.search);
let lang = params.get('lang') || localStorage.getItem('arealbank.lang') || 'nn';
lang = setLanguage(lang);
$('lang').value = lang;
$('lang').addEventListener('change', (e) => {
  setLanguage(e.target.value);
  localStorage.setItem('arealbank.lang', language());
  refreshTexts();
  writeUrl();
});

// ---------- map ----------
// Whole zoom levels only: at a fractional zoom Leaflet scales every tile, their edges fall between screen pixels and
// each translucent plot fill shows a lighter seam where two tiles meet.
const map = L.map('map', {
  attributionControl: false, zoomSnap: 1, minZoom: 5, maxZoom: 19, center: [60.3, 7.8], zoom: 7,
});
state.map = map;
new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
for (const [pane, z] of [['municipalities', 250], ['overlays', 300], ['plans', 320], ['plots', 400], ['points', 420],
  ['markers', 430]]) {
  map.createPane(pane).style.zIndex = z;
}

const municipalityLayer = L.geoJSON(null, {
  pane: 'municipalities',
  interactive: false,
  style: () => municipalityStyle(),
  onEachFeature: (feature, layer) => {
    const name = feature.properties?.name;
    if (name) {
      layer.bindTooltip(el('span', null, name), {
        permanent: true, direction: 'center', className: 'municipality-label', interactive: false,
      });
    }
  },
});
function municipalityStyle() {
  const bg = state.background !== 'none';
  return { className: 'municipality-boundary', color: '#4d5a66', weight: bg ? 2 : 1.2, opacity: 0.9, fillColor: '#fbfaf5', fillOpacity: bg ? 0 : 1 };
}

const plots = plotTileLayer((id) => openPlot(id, { fit: false }));
plots.layer.addTo(map);
state.vectorTiles = Boolean(L.vectorGrid);
const plotMarkers = L.featureGroup();
const pointLayer = L.featureGroup();
const overlays = { zones: overlayLayer('zones'), hazards: overlayLayer('hazards'), plans: overlayLayer('plans'),
  boundaries: municipalityLayer, points: pointLayer };
let background = null;

function updateMarkerVisibility() {
  const wanted = map.getZoom() < MARKER_MAX_ZOOM;
  if (wanted && !map.hasLayer(plotMarkers)) {
    plotMarkers.addTo(map);
  } else if (!wanted && map.hasLayer(plotMarkers)) {
    map.removeLayer(plotMarkers);
  }
}
map.on('zoomend', updateMarkerVisibility);

// ---------- attribution and legend ----------
const attributionText = el('span', null, BOUNDARY_ATTRIBUTION);
const backgroundAttribution = el('span', null, '');
const sampleText = el('span', null, t('sampleNotice'));
const AttributionControl = L.Control.extend({
  options: { position: 'bottomright' },
  onAdd() {
    const box = el('div', 'leaflet-control-attribution map-attribution');
    const leaflet = el('a', null, 'Leaflet');
    leaflet.href = 'https://leafletjs.com';
    leaflet.rel = 'noopener';
    box.append(backgroundAttribution, attributionText, el('span', 'sep', ' · '), sampleText,
      el('span', 'sep', ' · '), leaflet);
    L.DomEvent.disableClickPropagation(box);
    return box;
  },
});
const legendBox = el('details', 'legend leaflet-bar');
legendBox.id = 'legend';
legendBox.open = window.matchMedia('(min-width: 48rem)').matches;
const LegendControl = L.Control.extend({
  options: { position: 'topright' },
  onAdd() {
    L.DomEvent.disableClickPropagation(legendBox);
    L.DomEvent.disableScrollPropagation(legendBox);
    return legendBox;
  },
});
function renderLegend() {
  const summary = el('summary', null, t('legend'));
  legendBox.replaceChildren(summary, legendContent());
}
new LegendControl().addTo(map);
new AttributionControl().addTo(map);
L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

// ---------- background ----------
async function setBackground(kind, probe = true) {
  if (background) {
    map.removeLayer(background);
    background = null;
  }
  state.background = 'none';
  backgroundAttribution.textContent = '';
  $('bg-note').hidden = true;
  if (kind !== 'none') {
    if (probe && !(await probeBackground())) {
      $('bg-note').hidden = false;
    } else {
      background = backgroundLayer(kind).addTo(map);
      state.background = kind;
      backgroundAttribution.textContent = `${BACKGROUND_ATTRIBUTION} · `;
    }
  }
  municipalityLayer.setStyle(municipalityStyle());
  document.body.classList.toggle('has-background', state.background !== 'none');
}

// ---------- address: #zoom/lat/lon for the view, ?filters&plot=&lang= for the rest ----------
function viewFromHash() {
  const m = /^#(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
  if (!m) {
    return null;
  }
  const [zoom, lat, lon] = m.slice(1).map(Number);
  const valid = zoom >= map.getMinZoom() && zoom <= map.getMaxZoom() && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return valid ? { center: [lat, lon], zoom } : null;
}

function writeUrl() {
  const c = map.getCenter();
  const hash = `#${Number(map.getZoom().toFixed(2))}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`;
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = state.filter[key];
    if (Array.isArray(v) ? v.length : v) {
      q.set(key, Array.isArray(v) ? v.join(',') : v === true ? 'true' : String(v));
    }
  }
  if (sheetPlotId()) {
    q.set('plot', sheetPlotId());
  }
  if (language() !== 'nn') {
    q.set('lang', language());
  }
  const bg = document.querySelector('input[name=background]:checked')?.value;
  if (bg && bg !== 'topo') {
    q.set('bg', bg);
  }
  const on = [...document.querySelectorAll('input[name=overlay]')].filter((i) => i.checked !== i.defaultChecked);
  if (on.length) {
    q.set('layers', [...document.querySelectorAll('input[name=overlay]:checked')].map((i) => i.value).join(',') || 'none');
  }
  const search = q.toString() ? `?${q}` : '';
  const url = `${window.location.pathname}${search}${hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', url);
  }
}
window.addEventListener('hashchange', () => {
  const view = viewFromHash();
  if (view) {
    map.setView(view.center, view.zoom);
  }
});

function filterFromQuery(q) {
  const f = {};
  for (const key of FILTER_KEYS) {
    if (q.has(key)) {
      f[key] = key === 'infra' ? q.get(key).split(',').filter(Boolean)
        : ['available', 'permanentResidence', 'noHazards'].includes(key) ? q.get(key) === 'true' : q.get(key);
    }
  }
  return f;
}

function writeForm(f) {
  for (const key of FILTER_KEYS) {
    if (key === 'infra') {
      for (const box of form.querySelectorAll('input[name=infra]')) {
        box.checked = (f.infra || []).includes(box.value);
      }
    } else {
      const input = form.elements[key];
      if (input.type === 'checkbox') {
        input.checked = Boolean(f[key]);
      } else {
        input.value = f[key] ?? '';
      }
    }
  }
}

function readForm() {
  const f = {};
  for (const key of FILTER_KEYS) {
    if (key === 'infra') {
      f.infra = [...form.querySelectorAll('input[name=infra]:checked')].map((b) => b.value);
    } else {
      const input = form.elements[key];
      f[key] = input.type === 'checkbox' ? input.checked : input.value.trim();
    }
  }
  return f;
}

// ---------- filtering: the server's /api/plots decides, so map, list and API always agree ----------
const num = (v) => (v === '' || v === undefined || v === null || Number.isNaN(Number(v)) ? null : Number(v));
const metres = (km) => (num(km) !== null ? Math.round(num(km) * 1000) : null);

function apiParams(f) {
  const p = { limit: PLOT_LIMIT };
  const set = (k, v) => { if (v !== null && v !== undefined && v !== '' && v !== false) p[k] = v; };
  set('municipality', f.municipality);
  set('purpose', f.purpose);
  set('availability', f.available ? 'available' : null);
  set('permanentResidence', f.permanentResidence ? 'true' : null);
  set('minArea', num(f.minArea));
  set('maxArea', num(f.maxArea));
  set('minPrice', num(f.minPrice));
  set('maxPrice', num(f.maxPrice));
  set('infra', f.infra?.length ? f.infra.join(',') : null);
  set('maxHubDistance', metres(f.maxHubDistance));
  set('maxCentreDistance', metres(f.maxCentreDistance));
  set('noHazards', f.noHazards ? 'true' : null);
  set('sort', f.sort);
  return p;
}

let filterSeq = 0;
async function applyFilter() {
  const f = readForm();
  state.filter = f;
  writeUrl();
  const seq = ++filterSeq;
  const answer = await fetchPlots(apiParams(f));
  if (seq !== filterSeq) {
    return;
  }
  const features = answer.features || [];
  const matched = answer.numberMatched ?? features.length;
  state.plotsMatched = matched;
  state.matchedIds = features.map((x) => x.properties.id);
  state.listCount = features.length;
  showMatches(features, matched);
}

function showMatches(features, matched) {
  const ids = new Set(features.map((x) => x.properties.id));
  plots.setVisible(isFiltered() ? ids : null, [...state.allPlots.keys()]);
  for (const m of plotMarkers.getLayers()) {
    const visible = ids.has(m.plotId);
    m.setStyle(visible ? markerStyle(state.allPlots.get(m.plotId)) : { opacity: 0, fillOpacity: 0 });
    m.getElement()?.classList.toggle('plot-hidden', !visible);
    m.options.interactive = visible;
    m.getElement()?.setAttribute('aria-hidden', String(!visible));
  }
  renderResults(features, matched);
  setStatus(isFiltered() ? t('plotsOfTotal', { n: formatNumber(matched), total: formatNumber(state.allPlots.size) })
    : t('plotsShown', { n: formatNumber(state.allPlots.size) }));
}

const isFiltered = () => FILTER_KEYS.filter((k) => k !== 'sort')
  .some((k) => (Array.isArray(state.filter[k]) ? state.filter[k].length : state.filter[k]));

let lastResults = { features: [], matched: 0 };
function renderResults(features, matched) {
  lastResults = { features, matched };
  $('result-count').textContent = t('resultCount', { n: formatNumber(matched) });
  const list = $('results');
  list.replaceChildren();
  if (!features.length) {
    list.append(el('li', 'empty', t('noResults')));
    return;
  }
  for (const f of features) {
    const p = f.properties;
    const li = el('li');
    const button = el('button', 'result');
    button.type = 'button';
    button.dataset.plotId = String(p.id);
    const dot = el('span', 'dot');
    dot.style.background = purposeColor(p.purpose);
    const title = el('span', 'result-title', p.name || t('plotUnnamed'));
    const bits = [p.municipalityName, t(p.purpose), p.areaM2 ? formatArea(p.areaM2) : null,
      p.effectivePrice !== null && p.effectivePrice !== undefined ? t('kr', { v: formatNumber(p.effectivePrice) }) : null,
      p.availability !== 'available' ? t(p.availability) : null].filter(Boolean);
    const detail = el('span', 'result-detail', bits.join(' · '));
    const dist = [p.nearestBusinessHub ? `${t('businessHub')}: ${formatDistance(p.nearestBusinessHub.distanceM)}` : null,
      p.nearestCentre ? `${p.nearestCentre.name}: ${formatDistance(p.nearestCentre.distanceM)}` : null].filter(Boolean);
    button.append(dot, title, detail, el('span', 'result-detail', dist.join(' · ')));
    button.addEventListener('click', () => openPlot(p.id, { fit: true }));
    li.append(button);
    list.append(li);
  }
}

// ---------- plot sheet ----------
async function openPlot(id, { fit = false } = {}) {
  try {
    const feature = await fetchPlot(id);
    openSheet(feature, { onClose: () => writeUrl(), onZoom: () => zoomToFeature(feature) });
    writeUrl();
    if (fit) {
      zoomToFeature(feature);
    }
    if (window.matchMedia('(max-width: 48rem)').matches) {
      setPanel(false);
    }
  } catch (e) {
    showError(e.message);
  }
}

function zoomToFeature(feature) {
  map.fitBounds(L.geoJSON(feature).getBounds(), { maxZoom: 16, padding: [40, 40] });
}

// ---------- search box: an ARIA 1.2 combobox with a listbox of suggestions ----------
const searchInput = $('search-input');
const searchList = $('search-list');
let suggestions = [];
let active = -1;
let searchSeq = 0;

async function runSearch(q) {
  const seq = ++searchSeq;
  let results;
  try {
    results = (await apiSearch(q, 8)).results || [];
  } catch (e) {
    if (seq === searchSeq) {
      hideSuggestions();
      showError(e.message);
    }
    return;
  }
  if (seq !== searchSeq) return;
  showSuggestions(results);
}

function showSuggestions(results) {
  suggestions = results;
  active = -1;
  searchList.replaceChildren();
  if (!results.length) {
    const li = el('li', 'empty', t('noSuggestions'));
    li.setAttribute('role', 'option');
    li.setAttribute('aria-disabled', 'true');
    searchList.append(li);
  }
  results.forEach((r, i) => {
    const li = el('li');
    li.id = `search-opt-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.append(el('span', 'opt-label', r.label), el('span', 'opt-detail', r.detail || ''));
    li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
    searchList.append(li);
  });
  searchList.hidden = false;
  searchInput.setAttribute('aria-expanded', 'true');
}

function hideSuggestions() {
  searchList.hidden = true;
  searchInput.setAttribute('aria-expanded', 'false');
  searchInput.removeAttribute('aria-activedescendant');
  active = -1;
}

function highlight(i) {
  active = i;
  for (const [n, li] of [...searchList.children].entries()) {
    li.setAttribute('aria-selected', String(n === i));
  }
  if (i >= 0) {
    searchInput.setAttribute('aria-activedescendant', `search-opt-${i}`);
    searchList.children[i].scrollIntoView({ block: 'nearest' });
  } else {
    searchInput.removeAttribute('aria-activedescendant');
  }
}

function choose(i) {
  const r = suggestions[i];
  if (!r) return;
  searchInput.value = r.label;
  hideSuggestions();
  if (r.plotId) {
    openPlot(r.plotId, { fit: true });
  } else if (r.bbox && r.bbox.length === 4) {
    map.fitBounds([[r.bbox[1], r.bbox[0]], [r.bbox[3], r.bbox[2]]]);
  } else if (r.lat !== undefined && r.lat !== null) {
    map.setView([r.lat, r.lon], r.type === 'hub' ? 14 : 13);
  }
}

let searchTimer;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  if (q.length < 2) {
    hideSuggestions();
    return;
  }
  searchTimer = setTimeout(() => runSearch(q), 150);
});
searchInput.addEventListener('keydown', (e) => {
  const open = !searchList.hidden && suggestions.length;
  if (e.key === 'ArrowDown' && open) {
    e.preventDefault();
    highlight((active + 1) % suggestions.length);
  } else if (e.key === 'ArrowUp' && open) {
    e.preventDefault();
    highlight(active <= 0 ? suggestions.length - 1 : active - 1);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (open) choose(active >= 0 ? active : 0);
  } else if (e.key === 'Escape') {
    if (!searchList.hidden) {
      e.preventDefault();
      hideSuggestions();
    } else {
      searchInput.value = '';
    }
  }
});
searchInput.addEventListener('blur', () => setTimeout(hideSuggestions, 100));

// ---------- region panel: available area per municipality and purpose ----------
function regionRowsFromPlots() {
  const rows = new Map();
  for (const p of state.allPlots.values()) {
    if (p.availability !== 'available') continue;
    const key = p.municipalityNumber;
    const row = rows.get(key) || { number: key, name: p.municipalityName || key, purposes: {}, count: 0, area: 0 };
    const cell = row.purposes[p.purpose] || { count: 0, area: 0 };
    cell.count += 1;
    cell.area += p.areaM2 || 0;
    row.purposes[p.purpose] = cell;
    row.count += 1;
    row.area += p.areaM2 || 0;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.area - a.area);
}

/** Reads /api/stats/region when it exists: rows of {municipalityNumber, municipalityName, purpose, count, areaM2}. */
/** Rows of the region chart from GET /api/stats/region: municipalities[].byPurpose.<purpose>.{plots, areaM2}. */
function regionRowsFromStats(stats) {
  if (!Array.isArray(stats?.municipalities)) return null;
  return stats.municipalities.map((m) => {
    const row = { number: m.municipalityNumber, name: m.name, purposes: {}, count: 0, area: 0 };
    for (const [purpose, f] of Object.entries(m.byPurpose || {})) {
      const count = Number(f.plots || 0);
      const area = Number(f.areaM2 || 0);
      if (count === 0) continue;
      row.purposes[purpose] = { count, area };
      row.count += count;
      row.area += area;
    }
    return row;
  }).sort((a, b) => b.area - a.area);
}

let regionRows = null;
async function renderRegion() {
  if (!regionRows) {
    try {
      regionRows = regionRowsFromStats(await fetchRegionStats());
    } catch (e) {
      regionRows = null;
    }
    regionRows = regionRows || regionRowsFromPlots();
  }
  const box = $('region-chart');
  box.replaceChildren();
  const max = Math.max(1, ...regionRows.map((r) => r.area));
  const total = regionRows.reduce((s, r) => ({ area: s.area + r.area, count: s.count + r.count }), { area: 0, count: 0 });
  box.append(el('p', 'region-total', t('regionTotal', { area: formatArea(total.area), n: formatNumber(total.count) })));
  const list = el('ul', 'bars');
  for (const r of regionRows) {
    const li = el('li');
    li.append(el('span', 'bar-label', r.name));
    const bar = el('span', 'bar');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', t('regionRow', { name: r.name, area: formatArea(r.area), n: r.count }));
    for (const purpose of Object.keys(PURPOSE_COLORS)) {
      const cell = r.purposes[purpose];
      if (!cell) continue;
      const seg = el('span', 'seg');
      seg.style.width = `${(cell.area / max) * 100}%`;
      seg.style.background = PURPOSE_COLORS[purpose];
      seg.title = `${t(purpose)}: ${formatArea(cell.area)} (${cell.count})`;
      bar.append(seg);
    }
    li.append(bar, el('span', 'bar-value', formatArea(r.area)));
    list.append(li);
  }
  const key = el('ul', 'bar-key');
  for (const [purpose, color] of Object.entries(PURPOSE_COLORS)) {
    const k = el('li');
    const dot = el('span', 'dot');
    dot.style.background = color;
    k.append(dot, el('span', null, t(purpose)));
    key.append(k);
  }
  box.append(list, key, el('p', 'note', t('regionSource')));
}

// ---------- panel, tabs, layers ----------
function setPanel(open) {
  document.body.classList.toggle('panel-open', open);
  $('panel-toggle').setAttribute('aria-expanded', String(open));
  if (open) {
    $('filters').focus({ preventScroll: true });
  }
}
$('panel-toggle').addEventListener('click', () => setPanel(!document.body.classList.contains('panel-open')));

const tabs = [...document.querySelectorAll('[role=tab]')];
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !selected;
  }
  if (tab.id === 'tab-region') {
    renderRegion();
  }
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
    if (next) {
      e.preventDefault();
      next.focus();
      selectTab(next);
    }
  });
}

function applyOverlays() {
  for (const box of document.querySelectorAll('input[name=overlay]')) {
    const layer = overlays[box.value];
    if (box.checked && !map.hasLayer(layer)) layer.addTo(map);
    if (!box.checked && map.hasLayer(layer)) map.removeLayer(layer);
  }
}
for (const box of document.querySelectorAll('input[name=overlay]')) {
  box.addEventListener('change', () => { applyOverlays(); writeUrl(); });
}
for (const radio of document.querySelectorAll('input[name=background]')) {
  radio.addEventListener('change', () => { setBackground(radio.value); writeUrl(); });
}

let filterTimer;
form.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => applyFilter().catch((e) => showError(e.message)), 250);
});
form.addEventListener('change', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => applyFilter().catch((e) => showError(e.message)), 50);
});
form.addEventListener('reset', () => setTimeout(() => applyFilter().catch((e) => showError(e.message)), 0));
form.addEventListener('submit', (e) => e.preventDefault());
$('sheet-close').addEventListener('click', () => { closeSheet(); writeUrl(); });
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('sheet').hidden && !$('sheet').contains(searchInput) && document.activeElement !== searchInput) {
    closeSheet();
    writeUrl();
  }
});
map.on('moveend', writeUrl);

function refreshTexts() {
  renderLegend();
  sampleText.textContent = t('sampleNotice');
  if (state.ready) {
    renderResults(lastResults.features, lastResults.matched);
    setStatus(isFiltered() ? t('plotsOfTotal', { n: formatNumber(state.plotsMatched), total: formatNumber(state.allPlots.size) })
      : t('plotsShown', { n: formatNumber(state.allPlots.size) }));
    if (!$('region').hidden) renderRegion();
    if (sheetPlotId()) openPlot(sheetPlotId());
  }
  const sel = $('f-municipality');
  sel.options[0].textContent = t('allMunicipalities');
}

function showError(message) {
  state.errors.push(message);
  messageEl.append(el('p', null, message));
  messageEl.hidden = false;
}

function setStatus(text) {
  statusEl.textContent = text;
}

// ---------- start ----------
function centreOf(geometry) {
  const b = L.geoJSON(geometry).getBounds();
  return { bounds: b, centre: b.getCenter() };
}

async function load() {
  setStatus(t('loadingPlots'));
  renderLegend();
  const q = new URLSearchParams(window.location.search);
  const bg = q.get('bg') || 'topo';
  const bgRadio = document.querySelector(`input[name=background][value="${bg}"]`);
  if (bgRadio) bgRadio.checked = true;
  if (q.has('layers')) {
    const on = q.get('layers').split(',');
    for (const box of document.querySelectorAll('input[name=overlay]')) box.checked = on.includes(box.value);
  }
  applyOverlays();
  const filter = filterFromQuery(q);
  writeForm(filter);

  const [municipalities, all, hubs, places] = await Promise.allSettled([
    fetchMunicipalities(), fetchPlots({ limit: PLOT_LIMIT }), fetchBusinessHubs(), fetchPlaces(),
  ]);
  if (municipalities.status === 'fulfilled') {
    municipalityLayer.addData(municipalities.value);
    attributionText.textContent = typeof municipalities.value.attribution === 'string'
      ? municipalities.value.attribution : BOUNDARY_ATTRIBUTION;
    const sel = $('f-municipality');
    const list = [];
    for (const f of municipalities.value.features || []) {
      const p = f.properties || {};
      const entry = { number: p.number || p.municipalityNumber || f.id, name: p.name };
      if (f.geometry) {
        const { bounds, centre } = centreOf(f.geometry);
        Object.assign(entry, { lat: centre.lat, lon: centre.lng,
          bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] });
      }
      list.push(entry);
    }
    list.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    state.municipalities = list;
    for (const m of list) {
      const opt = el('option', null, m.name);
      opt.value = m.number;
      sel.append(opt);
    }
    sel.value = filter.municipality || '';
  } else {
    showError(t('boundariesError', { m: municipalities.reason.message }));
  }
  for (const f of hubs.status === 'fulfilled' ? hubs.value.features || [] : []) {
    const [lon, lat] = f.geometry.coordinates;
    state.hubs.push({ name: f.properties.name, lon, lat });
    L.circleMarker([lat, lon], { ...HUB_STYLE, pane: 'points', className: 'business-hub' })
      .bindTooltip(el('span', null, `${t('businessHub')}: ${f.properties.name}`)).addTo(pointLayer);
  }
  for (const f of places.status === 'fulfilled' ? places.value.features || [] : []) {
    const [lon, lat] = f.geometry.coordinates;
    state.places.push({ name: f.properties.name, kind: f.properties.kind, lon, lat });
    if (f.properties.kind === 'kommunesenter') {
      L.circleMarker([lat, lon], { ...CENTRE_STYLE, pane: 'points', className: 'centre' })
        .bindTooltip(el('span', null, `${t('centre')}: ${f.properties.name}`)).addTo(pointLayer);
    }
  }
  for (const [what, result] of [['business-hubs', hubs], ['places', places]]) {
    if (result.status === 'rejected') showError(`${what}: ${result.reason.message}`);
  }
  if (all.status === 'rejected') {
    throw all.reason;
  }
  for (const f of all.value.features || []) {
    const p = f.properties;
    state.allPlots.set(p.id, p);
    const marker = L.circleMarker(centreOf(f.geometry).centre, { ...markerStyle(p), pane: 'markers' });
    marker.plotId = p.id;
    marker.bindTooltip(el('span', null, p.name || t('plotUnnamed')));
    marker.on('click', () => openPlot(p.id, { fit: false }));
    marker.on('add', () => marker.getElement()?.setAttribute('data-plot-id', String(p.id)));
    plotMarkers.addLayer(marker);
  }
  state.plotCount = state.allPlots.size;
  updateMarkerVisibility();

  const view = viewFromHash();
  if (view) {
    map.setView(view.center, view.zoom, { animate: false });
  } else if (municipalityLayer.getLayers().length) {
    map.fitBounds(municipalityLayer.getBounds(), { padding: [10, 10], animate: false });
  }
  await applyFilter();
  if (q.get('plot')) {
    await openPlot(q.get('plot'), { fit: !view });
  }
  state.ready = true;
  document.body.dataset.state = 'ready';
  setBackground(bg); // not awaited: offline, the page is ready without it
}

refreshTexts();
applyTranslations(document);
load().catch((e) => {
  showError(t('unexpected', { m: e.message }));
  state.ready = true;
  document.body.dataset.state = 'error';
});

