// The planner workspace: the municipality's plots (drafts included) on a map and in a list; draw, edit, move, split,
// merge and archive plots with Leaflet-Geoman; the attribute form; saving with If-Match and a choice when someone else
// changed the plot meanwhile; bulk actions; per-plot history with restore; and the enquiry inbox (inbox.js).

import './texts.js';
import { ApiError, endpoints, fetchMunicipalities, send, signOut } from '../api.js';
import { el } from '../dom.js';
import { applyTranslations, formatArea, language, setLanguage, t } from '../i18n.js';
import { purposeColor } from '../layers.js';
import {
  FIELDS, buildForm, checkForm, fillForm, getPath, readForm, serverErrors, showArea, showErrors,
} from './form.js';
import { initInbox, loadInbox } from './inbox.js';

const L = window.L;
const $ = (id) => document.getElementById(id);
window.proj4.defs('EPSG:25832', '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
const toUtm = window.proj4('EPSG:4326', 'EPSG:25832');

/** What tests and curious developers can read. */
const state = {
  ready: false, me: null, municipality: null, plots: new Map(), selected: new Set(), editing: null, errors: [],
};
window.arealbankPlanner = state;

let messageTimer;
function showMessage(text, kind = 'error') {
  const m = $('message');
  m.textContent = text;
  m.className = `app-message ${kind}`;
  m.hidden = !text;
  clearTimeout(messageTimer);
  if (kind === 'ok') messageTimer = setTimeout(() => { m.hidden = true; }, 5000); // a confirmation fades; errors stay
  if (kind === 'error' && text) state.errors.push(text);
}

function fail(e) {
  if (e instanceof ApiError && e.status === 401) {
    window.location.href = `login?continue=${encodeURIComponent('planner.html')}`;
    return;
  }
  showMessage(e.message || String(e));
}

// ---------- area in EPSG:25832, like the server's areaM2 ----------
function ringArea(latlngs) {
  const pts = latlngs.map((ll) => toUtm.forward([ll.lng, ll.lat]));
  let sum = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

function layerArea(layer) {
  const rings = layer.getLatLngs();
  const polygons = Array.isArray(rings[0]?.[0]) ? rings : [rings];
  let area = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => { area += (i === 0 ? 1 : -1) * ringArea(ring); });
  }
  return area;
}

// ---------- map ----------
const map = L.map('map', { zoomControl: true, attributionControl: true }).setView([59.5, 8.3], 9);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution('Kommunegrenser © Kartverket, CC BY 4.0');
map.pm.setLang(language() === 'en' ? 'en' : 'no');
map.pm.setGlobalOptions({ snappable: true, snapDistance: 15, allowSelfIntersection: false });
const boundary = L.geoJSON(null, {
  style: { color: '#4d5a66', weight: 1.5, fillColor: '#fbfaf5', fillOpacity: 1 }, interactive: false, pmIgnore: true,
}).addTo(map);
/** Zone polygons to snap to (not editable). */
const zones = L.geoJSON(null, {
  style: { color: '#8a7f6a', weight: 1, dashArray: '2 3', fill: false }, interactive: false,
}).addTo(map);
state.map = map;
const plotLayer = L.featureGroup().addTo(map);
const historyLayer = L.featureGroup().addTo(map);

function plotStyle(p, selected = false) {
  const color = purposeColor(p.purpose);
  return {
    color: selected ? '#1b1b1b' : color, weight: selected ? 3 : 2, fillColor: color,
    fillOpacity: p.published ? 0.45 : 0.15, dashArray: p.published ? null : '6 4', className: 'planner-plot',
  };
}

// ---------- loading the municipality ----------
async function loadMunicipality(number) {
  state.municipality = number;
  closeEditor();
  const m = state.municipalityFeatures.find((f) => String(f.id) === number);
  boundary.clearLayers();
  let bbox;
  if (m) {
    boundary.addData(m);
    const b = boundary.getBounds();
    bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
    map.fitBounds(b, { animate: false });
  }
  const [plots, zoneItems] = await Promise.all([
    send('GET', endpoints.plots, { params: { municipality: number, limit: 1000 } }),
    bbox ? send('GET', 'ogc/collections/zones/items', { params: { limit: 1000, bbox } })
      .catch(() => ({ data: { features: [] } })) : { data: { features: [] } },
  ]);
  zones.clearLayers();
  zones.addData(zoneItems.data?.features || []);
  state.plots.clear();
  state.selected.clear();
  plotLayer.clearLayers();
  for (const f of plots.data.features || []) addPlot(f);
  renderList();
  $('inbox-export').href = `api/enquiries/export.csv?municipality=${encodeURIComponent(number)}`;
  loadInbox(number).catch(fail);
}

function addPlot(feature) {
  const p = feature.properties;
  const layer = L.geoJSON(feature, { style: () => plotStyle(p) }).getLayers()[0];
  layer.plotId = p.id;
  layer.on('click', () => {
    if (state.editing?.id !== p.id) openEditor(p.id).catch(fail); // a click on the plot being edited keeps the edits
  });
  plotLayer.addLayer(layer);
  layer.getElement()?.setAttribute('data-plot-id', p.id);
  state.plots.set(p.id, { feature, layer });
}

function removePlot(id) {
  const entry = state.plots.get(id);
  if (entry) {
    plotLayer.removeLayer(entry.layer);
    state.plots.delete(id);
  }
  state.selected.delete(id);
}

async function reloadPlot(id) {
  const { data } = await send('GET', `${endpoints.plots}/${id}`);
  removePlot(id);
  if (!data.properties.archived) addPlot(data);
  return data;
}

// ---------- the list, selection and bulk actions ----------
function renderList() {
  const list = $('plot-list');
  const needle = $('plot-filter').value.trim().toLocaleLowerCase();
  list.replaceChildren();
  const entries = [...state.plots.values()].map((e) => e.feature.properties)
    .filter((p) => !needle || `${p.name} ${p.matrikkelId || ''}`.toLocaleLowerCase().includes(needle))
    .sort((a, b) => String(a.name).localeCompare(String(b.name), 'nn'));
  if (!entries.length) list.append(el('li', 'empty', t('pNoPlots')));
  for (const p of entries) {
    const li = el('li', 'plot-row');
    li.dataset.plotId = p.id;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = state.selected.has(p.id);
    box.setAttribute('aria-label', p.name);
    box.addEventListener('change', () => {
      if (box.checked) state.selected.add(p.id); else state.selected.delete(p.id);
      updateSelection();
    });
    const open = el('button', 'result');
    open.type = 'button';
    open.dataset.plotId = p.id;
    const dot = el('span', 'dot');
    dot.style.background = purposeColor(p.purpose);
    open.append(dot, el('span', 'result-title', p.name),
      el('span', 'result-detail', [t(p.published ? 'pPublished' : 'pDraft'), t(p.availability),
        formatArea(p.areaM2), p.matrikkelId].filter(Boolean).join(' · ')));
    open.addEventListener('click', () => openEditor(p.id, { fit: true }).catch(fail));
    li.append(box, open);
    list.append(li);
  }
  updateSelection();
}

function updateSelection() {
  const n = state.selected.size;
  $('selected-count').textContent = n ? t('pSelected', { n }) : '';
  for (const b of document.querySelectorAll('.bulk-actions button')) b.disabled = n === 0;
  $('merge-plots').disabled = n < 2;
  $('split-plot').disabled = !(state.editing?.id);
  for (const [id, { feature, layer }] of state.plots) {
    layer.setStyle(plotStyle(feature.properties, state.selected.has(id) || state.editing?.id === id));
  }
}

async function bulk(action) {
  const ids = [...state.selected];
  const versions = Object.fromEntries(ids.map((id) => [id, state.plots.get(id).feature.properties.version]));
  const { data } = await send('POST', `${endpoints.plots}/bulk`, { body: { ids, versions, action } });
  await Promise.all(ids.map((id) => reloadPlot(id)));
  state.selected = new Set(ids);
  renderList();
  showMessage(t('pBulkDone', { n: data?.updated?.length ?? ids.length }), 'ok');
}

async function merge() {
  const ids = [...state.selected];
  if (ids.length < 2) {
    showMessage(t('pMergeNeedTwo'));
    return;
  }
  const versions = Object.fromEntries(ids.map((id) => [id, state.plots.get(id).feature.properties.version]));
  const { data } = await send('POST', `${endpoints.plots}/merge`, { body: { ids, versions } });
  ids.forEach(removePlot);
  addPlot(data);
  renderList();
  showMessage(t('pMerged'), 'ok');
  await openEditor(data.properties.id);
}

// ---------- drawing ----------
let drawing = null; // 'plot' | 'split'

function hint(key) {
  $('draw-hint').hidden = !key;
  $('draw-hint').textContent = key ? t(key) : '';
}

function startDrawing() {
  closeEditor();
  drawing = 'plot';
  hint('pDrawHint');
  map.pm.enableDraw('Polygon', { snappable: true, snapDistance: 15, allowSelfIntersection: false });
}

function startSplit() {
  if (!state.editing?.id) {
    showMessage(t('pSplitNeedOne'));
    return;
  }
  drawing = 'split';
  hint('pSplitHint');
  map.pm.enableDraw('Line', { snappable: false });
}

map.on('pm:drawstart', ({ workingLayer }) => {
  if (drawing !== 'plot') return;
  const update = () => {
    const latlngs = workingLayer.getLatLngs();
    $('draw-hint').textContent = latlngs.length >= 3
      ? `${t('pDrawHint')} ${t('pLiveArea', { a: formatArea(Math.round(ringArea(latlngs))) })}` : t('pDrawHint');
  };
  workingLayer.on('pm:vertexadded', update);
});

map.on('pm:create', async ({ layer, shape }) => {
  const mode = drawing;
  drawing = null;
  hint(null);
  if (mode === 'split' && shape === 'Line') {
    map.removeLayer(layer);
    try {
      const id = state.editing.id;
      const { data } = await send('POST', `${endpoints.plots}/${id}/split`, {
        body: { line: layer.toGeoJSON().geometry }, headers: { 'If-Match': state.editing.etag },
      });
      removePlot(id);
      for (const f of data.features || []) addPlot(f);
      closeEditor();
      renderList();
      showMessage(t('pSplitDone', { n: (data.features || []).length }), 'ok');
    } catch (e) {
      fail(e);
    }
    return;
  }
  if (mode === 'plot') {
    openNewPlot(layer);
  } else {
    map.removeLayer(layer);
  }
});

// ---------- the editor ----------
const form = $('plot-form');
buildForm(form);

function openNewPlot(layer) {
  layer.setStyle(plotStyle({ purpose: 'housing', published: false }, true));
  state.editing = { id: null, etag: null, base: { municipalityNumber: state.municipality }, layer };
  fillForm(form, { availability: 'available', published: false, municipalityNumber: state.municipality });
  $('editor-title').textContent = t('pNewPlot');
  $('pf-archive').hidden = true;
  $('history').replaceChildren();
  enableEditing(layer);
  $('editor').hidden = false;
  document.body.classList.add('sheet-open');
  map.invalidateSize({ pan: false }); // the editor took part of the map's width
  $('pf-name').focus();
}

async function openEditor(id, { fit = false } = {}) {
  if (drawing) return;
  closeEditor();
  const { data, etag } = await send('GET', `${endpoints.plots}/${id}`);
  const entry = state.plots.get(id);
  const layer = entry ? entry.layer : null;
  state.editing = { id, etag, base: data.properties, feature: data, layer };
  fillForm(form, data.properties);
  $('editor-title').textContent = data.properties.name;
  $('pf-archive').hidden = false;
  $('pf-result').textContent = '';
  if (layer) {
    enableEditing(layer);
    if (fit) map.fitBounds(layer.getBounds(), { maxZoom: 17, animate: false });
  }
  $('editor').hidden = false;
  document.body.classList.add('sheet-open');
  map.invalidateSize({ pan: false }); // the editor took part of the map's width
  updateSelection();
  loadHistory(id).catch(fail);
}

const EDIT_OPTIONS = { snappable: true, snapDistance: 15, allowSelfIntersection: false, draggable: true };

/** Vertex editing and dragging the whole plot take turns (Geoman does one at a time). */
function toggleMove() {
  const layer = state.editing?.layer;
  if (!layer) return;
  const moving = layer.pm.layerDragEnabled();
  if (moving) {
    layer.pm.disableLayerDrag();
    layer.pm.enable(EDIT_OPTIONS);
  } else {
    layer.pm.enableLayerDrag();
  }
  $('pf-move').setAttribute('aria-pressed', String(!moving));
}

function enableEditing(layer) {
  layer.pm.enable(EDIT_OPTIONS);
  $('pf-move').setAttribute('aria-pressed', 'false');
  const update = () => showArea(form, layerArea(layer));
  layer.on('pm:edit pm:markerdrag pm:dragend', update);
  update();
  $('draw-hint').hidden = false;
  $('draw-hint').textContent = t('pEditHint');
}

function closeEditor() {
  const e = state.editing;
  if (e?.layer) {
    if (e.layer.pm.layerDragEnabled()) e.layer.pm.disableLayerDrag();
    e.layer.pm.disable();
    e.layer.off('pm:edit pm:markerdrag pm:dragend');
    if (!e.id) {
      map.removeLayer(e.layer); // an unsaved new plot
    } else if (state.plots.has(e.id)) {
      // throw away unsaved geometry edits
      const f = state.plots.get(e.id).feature;
      removePlot(e.id);
      addPlot(f);
    }
  }
  state.editing = null;
  historyLayer.clearLayers();
  $('editor').hidden = true;
  document.body.classList.remove('sheet-open');
  map.invalidateSize({ pan: false });
  hint(null);
  updateSelection();
}

function geometryOf(layer) {
  return layer.toGeoJSON().geometry;
}

async function save(overrideEtag) {
  const e = state.editing;
  const props = readForm(form, e.base);
  const errors = checkForm(props, Boolean(e.layer));
  const first = showErrors(form, errors);
  if (Object.keys(errors).length) {
    $('pf-result').textContent = t('pFixErrors');
    first?.scrollIntoView({ block: 'center' });
    (first?.matches('fieldset') ? first.querySelector('input') : first)?.focus({ preventScroll: true });
    return;
  }
  props.municipalityNumber = props.municipalityNumber || state.municipality;
  const body = { type: 'Feature', geometry: geometryOf(e.layer), properties: props };
  try {
    const answer = e.id
      ? await send('PUT', `${endpoints.plots}/${e.id}`, { body, headers: { 'If-Match': overrideEtag || e.etag } })
      : await send('POST', endpoints.plots, { body });
    const saved = answer.data;
    const wasNew = !e.id;
    if (wasNew) map.removeLayer(e.layer);
    state.editing = null;
    e.layer.pm.disable();
    removePlot(saved.properties.id);
    addPlot(saved);
    renderList();
    await openEditor(saved.properties.id);
    $('pf-result').textContent = t('pSaved', { v: saved.properties.version });
    $('pf-result').dataset.testid = 'saved';
  } catch (err) {
    if (err instanceof ApiError && err.status === 412 && e.id) {
      await showConflict(props, body.geometry);
    } else if (err instanceof ApiError && (err.status === 400 || err.status === 422) && err.problem?.errors) {
      showErrors(form, serverErrors(err.problem));
      $('pf-result').textContent = t('pFixErrors');
    } else {
      fail(err);
    }
  }
}

// ---------- someone else changed the plot: show both versions, let the planner choose ----------
async function showConflict(mine, myGeometry) {
  const e = state.editing;
  const { data: theirs, etag } = await send('GET', `${endpoints.plots}/${e.id}`);
  const rows = $('conflict-rows');
  rows.replaceChildren();
  const show = (v) => (v === null || v === undefined || v === '' ? '–' : Array.isArray(v) ? v.join(', ') : String(v));
  for (const f of FIELDS) {
    const a = getPath(mine, f.key);
    const b = getPath(theirs.properties, f.key);
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
      const tr = el('tr');
      tr.append(el('th', null, t(f.label)), el('td', 'mine', show(a)), el('td', 'theirs', show(b)));
      rows.append(tr);
    }
  }
  if (JSON.stringify(myGeometry) !== JSON.stringify(theirs.geometry)) {
    const tr = el('tr');
    tr.append(el('th', null, t('pGeometry')), el('td', 'mine', t('pGeometryChanged')), el('td', 'theirs', '–'));
    rows.append(tr);
  }
  const dialog = $('conflict');
  dialog.dataset.theirVersion = theirs.properties.version;
  $('keep-mine').onclick = () => { dialog.close(); save(etag).catch(fail); };
  $('take-theirs').onclick = () => {
    dialog.close();
    removePlot(e.id);
    addPlot(theirs);
    state.editing = null;
    openEditor(e.id).catch(fail);
  };
  $('conflict-cancel').onclick = () => dialog.close();
  dialog.showModal();
}

async function archive() {
  const e = state.editing;
  if (!e?.id || !window.confirm(t('pArchiveConfirm', { name: e.base.name }))) return;
  await send('DELETE', `${endpoints.plots}/${e.id}`, { headers: { 'If-Match': e.etag } });
  state.editing = null;
  e.layer?.pm.disable();
  removePlot(e.id);
  closeEditor();
  renderList();
}

// ---------- history: who, when, what; before/after on the map; restore ----------
/** History snapshots may be stored in EPSG:25832; Leaflet wants lon/lat. */
function toLonLat(geometry) {
  if (!geometry) return null;
  const first = JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?/);
  if (!first || Math.abs(Number(first[0])) <= 180) return geometry;
  const inv = (c) => (typeof c[0] === 'number' ? toUtm.inverse(c) : c.map(inv));
  return { ...geometry, coordinates: inv(geometry.coordinates) };
}

function flatDiff(before, after) {
  const out = [];
  const b = before?.properties || {};
  const a = after?.properties || {};
  for (const f of FIELDS) {
    const x = getPath(b, f.key);
    const y = getPath(a, f.key);
    if (JSON.stringify(x ?? null) !== JSON.stringify(y ?? null)) out.push({ field: f.key, before: x, after: y });
  }
  return out;
}

async function loadHistory(id) {
  const { data } = await send('GET', `${endpoints.plots}/${id}/history`);
  const list = $('history');
  list.replaceChildren();
  const entries = [...(data || [])].reverse();
  for (const entry of entries) {
    const li = el('li', 'timeline-entry');
    li.dataset.version = entry.version;
    const when = new Date(entry.changedAt).toLocaleString(language() === 'en' ? 'en-GB' : 'nb-NO');
    const action = t(`action${entry.action.charAt(0).toUpperCase()}${entry.action.slice(1)}`);
    li.append(el('strong', null, `${action} · v${entry.version}`), el('span', 'who', t('pBy', { who: entry.changedBy, when })));
    const before = typeof entry.before === 'string' ? JSON.parse(entry.before) : entry.before;
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    const changes = entry.changes || flatDiff(before, after);
    if (changes.length) {
      const ul = el('ul', 'changes');
      for (const c of changes) {
        const label = FIELDS.find((f) => f.key === c.field)?.label;
        const fmt = (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
        ul.append(el('li', null, `${label ? t(label) : c.field}: ${fmt(c.before)} → ${fmt(c.after)}`));
      }
      li.append(ul);
    }
    const row = el('div', 'form-row');
    if (before?.geometry || after?.geometry) {
      const showBtn = el('button', 'secondary', t('pShowOnMap'));
      showBtn.type = 'button';
      showBtn.addEventListener('click', () => {
        historyLayer.clearLayers();
        if (before?.geometry) L.geoJSON(toLonLat(before.geometry), { style: { color: '#b00020', weight: 2, dashArray: '4 4', fill: false }, pmIgnore: true }).addTo(historyLayer);
        if (after?.geometry) L.geoJSON(toLonLat(after.geometry), { style: { color: '#006b3c', weight: 3, fill: false }, pmIgnore: true }).addTo(historyLayer);
        map.fitBounds(historyLayer.getBounds(), { maxZoom: 17 });
      });
      row.append(showBtn);
    }
    if (entry !== entries[0] && after) {
      const restore = el('button', 'secondary', t('pRestore'));
      restore.type = 'button';
      restore.dataset.restoreVersion = entry.version;
      restore.addEventListener('click', async () => {
        try {
          const { data: restored } = await send('POST', `${endpoints.plots}/${id}/history/${entry.version}/restore`,
            { headers: { 'If-Match': state.editing.etag } });
          state.editing = null;
          removePlot(id);
          addPlot(restored);
          renderList();
          await openEditor(id);
          $('pf-result').textContent = t('pRestored', { v: entry.version });
        } catch (e) {
          fail(e);
        }
      });
      row.append(restore);
    }
    li.append(row);
    list.append(li);
  }
}

// ---------- wiring ----------
form.addEventListener('submit', (e) => { e.preventDefault(); save().catch(fail); });
// delegated: the form's buttons are built again when the language changes
form.addEventListener('click', (e) => {
  if (e.target.id === 'pf-move') toggleMove();
  if (e.target.id === 'pf-archive') archive().catch(fail);
});
$('editor-close').addEventListener('click', closeEditor);
$('draw-plot').addEventListener('click', startDrawing);
$('split-plot').addEventListener('click', startSplit);
$('merge-plots').addEventListener('click', () => merge().catch(fail));
$('plot-filter').addEventListener('input', renderList);
$('select-all').addEventListener('change', (e) => {
  state.selected = e.target.checked ? new Set(state.plots.keys()) : new Set();
  renderList();
});
for (const b of document.querySelectorAll('.bulk-actions button')) {
  b.addEventListener('click', () => bulk(b.dataset.action).catch(fail));
}
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && drawing) {
    map.pm.disableDraw();
    drawing = null;
    hint(null);
  } else if (e.key === 'Escape' && !$('editor').hidden && !$('conflict').open) {
    closeEditor();
  }
});
$('logout').addEventListener('click', async () => {
  await signOut().catch(() => null); // signed out already, or no answer: either way back to the public map
  window.location.href = './';
});
const tabs = [$('tab-plots'), $('tab-inbox')];
for (const tab of tabs) {
  tab.addEventListener('click', () => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
  });
}
$('lang').addEventListener('change', () => {
  setLanguage($('lang').value);
  window.localStorage?.setItem('arealbank.lang', $('lang').value);
  buildForm(form);
  if (state.editing?.id) openEditor(state.editing.id).catch(fail);
  renderList();
});
$('p-municipality').addEventListener('change', () => loadMunicipality($('p-municipality').value).catch(fail));

async function start() {
  const lang = new URLSearchParams(window.location.search).get('lang') || window.localStorage?.getItem('arealbank.lang') || 'nn';
  $('lang').value = setLanguage(lang);
  applyTranslations(document);
  buildForm(form);
  let me;
  try {
    me = (await send('GET', 'api/me')).data;
  } catch (e) {
    fail(e);
    return;
  }
  state.me = me;
  $('who').textContent = me.displayName || me.username;
  $('admin-link').hidden = !me.admin;
  const municipalities = await fetchMunicipalities();
  state.municipalityFeatures = municipalities.features || [];
  const select = $('p-municipality');
  const names = new Map(state.municipalityFeatures.map((f) => [String(f.id), f.properties?.name]));
  for (const number of me.municipalities) select.append(new Option(`${names.get(number) || number} (${number})`, number));
  const wanted = new URLSearchParams(window.location.search).get('municipality');
  if (wanted && me.municipalities.includes(wanted)) select.value = wanted;
  initInbox({ send, fail, showMessage });
  await loadMunicipality(select.value);
  state.ready = true;
  document.body.dataset.state = 'ready';
}

start().catch((e) => {
  fail(e);
  document.body.dataset.state = 'error';
});
