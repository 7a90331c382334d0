// The import page: upload a file for a municipality, follow the conversion, map source fields to plot fields,
// read the validation report (table + map preview) and commit. Talks only to /api/imports, /api/me and
// /api/municipalities; writes send the X-XSRF-TOKEN header from the XSRF-TOKEN cookie.
import { addTexts, applyTranslations, language, setLanguage, t } from './i18n.js';
import { csrfHeaders, problemMessage, send } from './api.js';

addTexts({
  nn: {
    importTitle: 'Import av tomter', backToWorkspace: 'Tilbake til arbeidsflata', step1: '1. Last opp fil',
    importFile: 'Fil (GeoJSON, GeoPackage, zippa Shapefile, SOSI, Plan-GML)', upload: 'Last opp',
    step2: '2. Kopling av felt', mappingHelp: 'Vel kva felt i fila som gjev kvar opplysning om tomta, eller skriv ein fast verdi. Koplinga blir hugsa for kommunen.',
    plotField: 'Felt på tomta', sourceField: 'Felt i fila', constant: 'Fast verdi', notMapped: '(ikkje kopla)',
    saveMapping: 'Bruk koplinga og kontroller på nytt', step3: '3. Lagre tomtene', skipInvalid: 'Hopp over tomter med feil',
    publishNow: 'Publiser med ein gong (elles utkast)', commit: 'Lagre tomtene', discard: 'Forkast importen',
    downloadReport: 'Last ned rapporten (CSV)', issues: 'Merknader', previewLabel: 'Kart med tomtene i fila',
    st_converting: 'Konverterer fila …', st_validating: 'Kontrollerer …', st_ready: 'Klar', st_committing: 'Lagrar …',
    st_committed: 'Lagra', st_failed: 'Feil', progressOf: '{done} av {total}',
    counts: '{features} tomter i fila: {valid} utan feil, {invalid} med feil, {warnings} med åtvaringar.',
    commitBlocked: 'Rett feila, eller kryss av for å hoppe over tomtene med feil.',
    confirmCommit: 'Lagre {n} tomter i {m}?', committedResult: '{n} tomter er lagra.', discarded: 'Importen er forkasta.',
    valid: 'Utan feil', invalid: 'Feil', warning: 'Åtvaring', chooseFile: 'Vel ei fil.', signIn: 'Logg inn som planleggjar for å importere.',
    f_name: 'Namn', f_purpose: 'Formål', f_allowedUses: 'Tillaten bruk', f_landUseCode: 'Arealformål (SOSI-kode)',
    f_gnr: 'Gardsnummer', f_bnr: 'Bruksnummer', f_fnr: 'Festenummer', f_snr: 'Seksjonsnummer', f_availability: 'Status',
    f_tenure: 'Eigarform', f_priceTotal: 'Pris totalt', f_pricePerM2: 'Pris per m²', f_planId: 'Plan-ID', f_description: 'Omtale',
  },
  nb: {
    importTitle: 'Import av tomter', backToWorkspace: 'Tilbake til arbeidsflaten', step1: '1. Last opp fil',
    importFile: 'Fil (GeoJSON, GeoPackage, zippet Shapefile, SOSI, Plan-GML)', upload: 'Last opp',
    step2: '2. Kobling av felt', mappingHelp: 'Velg hvilket felt i filen som gir hver opplysning om tomten, eller skriv en fast verdi. Koblingen huskes for kommunen.',
    plotField: 'Felt på tomten', sourceField: 'Felt i filen', constant: 'Fast verdi', notMapped: '(ikke koblet)',
    saveMapping: 'Bruk koblingen og kontroller på nytt', step3: '3. Lagre tomtene', skipInvalid: 'Hopp over tomter med feil',
    publishNow: 'Publiser med en gang (ellers utkast)', commit: 'Lagre tomtene', discard: 'Forkast importen',
    downloadReport: 'Last ned rapporten (CSV)', issues: 'Merknader', previewLabel: 'Kart med tomtene i filen',
    st_converting: 'Konverterer filen …', st_validating: 'Kontrollerer …', st_ready: 'Klar', st_committing: 'Lagrer …',
    st_committed: 'Lagret', st_failed: 'Feil', progressOf: '{done} av {total}',
    counts: '{features} tomter i filen: {valid} uten feil, {invalid} med feil, {warnings} med advarsler.',
    commitBlocked: 'Rett feilene, eller kryss av for å hoppe over tomtene med feil.',
    confirmCommit: 'Lagre {n} tomter i {m}?', committedResult: '{n} tomter er lagret.', discarded: 'Importen er forkastet.',
    valid: 'Uten feil', invalid: 'Feil', warning: 'Advarsel', chooseFile: 'Velg en fil.', signIn: 'Logg inn som planlegger for å importere.',
    f_name: 'Navn', f_purpose: 'Formål', f_allowedUses: 'Tillatt bruk', f_landUseCode: 'Arealformål (SOSI-kode)',
    f_gnr: 'Gårdsnummer', f_bnr: 'Bruksnummer', f_fnr: 'Festenummer', f_snr: 'Seksjonsnummer', f_availability: 'Status',
    f_tenure: 'Eierform', f_priceTotal: 'Pris totalt', f_pricePerM2: 'Pris per m²', f_planId: 'Plan-ID', f_description: 'Beskrivelse',
  },
  en: {
    importTitle: 'Import plots', backToWorkspace: 'Back to the workspace', step1: '1. Upload a file',
    importFile: 'File (GeoJSON, GeoPackage, zipped Shapefile, SOSI, Plan GML)', upload: 'Upload',
    step2: '2. Map fields', mappingHelp: 'Choose which field of the file gives each plot field, or type a fixed value. The mapping is remembered for the municipality.',
    plotField: 'Plot field', sourceField: 'Field in the file', constant: 'Fixed value', notMapped: '(not mapped)',
    saveMapping: 'Apply the mapping and check again', step3: '3. Save the plots', skipInvalid: 'Skip plots with errors',
    publishNow: 'Publish at once (otherwise drafts)', commit: 'Save the plots', discard: 'Discard the import',
    downloadReport: 'Download the report (CSV)', issues: 'Issues', previewLabel: 'Map of the plots in the file',
    st_converting: 'Converting the file …', st_validating: 'Checking …', st_ready: 'Ready', st_committing: 'Saving …',
    st_committed: 'Saved', st_failed: 'Failed', progressOf: '{done} of {total}',
    counts: '{features} plots in the file: {valid} without errors, {invalid} with errors, {warnings} with warnings.',
    commitBlocked: 'Fix the errors, or tick the box to skip the plots with errors.',
    confirmCommit: 'Save {n} plots in {m}?', committedResult: '{n} plots were saved.', discarded: 'The import was discarded.',
    valid: 'No errors', invalid: 'Error', warning: 'Warning', chooseFile: 'Choose a file.', signIn: 'Sign in as a planner to import.',
    f_name: 'Name', f_purpose: 'Purpose', f_allowedUses: 'Allowed uses', f_landUseCode: 'Land use (SOSI code)',
    f_gnr: 'Farm number (gnr)', f_bnr: 'Holding number (bnr)', f_fnr: 'Leasehold number (fnr)', f_snr: 'Section number (snr)',
    f_availability: 'Status', f_tenure: 'Tenure', f_priceTotal: 'Total price', f_pricePerM2: 'Price per m²', f_planId: 'Plan id',
    f_description: 'Description',
  },
});

const TARGETS = ['name', 'purpose', 'allowedUses', 'landUseCode', 'gnr', 'bnr', 'fnr', 'snr', 'availability', 'tenure',
  'priceTotal', 'pricePerM2', 'planId', 'description'];
const FINAL = new Set(['ready', 'failed', 'committed']);
const $ = (id) => document.getElementById(id);
const state = { job: null, features: null, layer: null, byOrdinal: new Map(), municipalities: new Map() };
window.arealbankImport = state;

/** The JSON answer of a request through the shared client (session CSRF token, problem+json errors). */
const request = async (method, path, body) => (await send(method, path, { body })).data;

function show(message) {
  const m = $('message');
  m.textContent = message || '';
  m.hidden = !message;
}

// ---------- language ----------
const params = new URLSearchParams(window.location.search);
$('lang').value = setLanguage(params.get('lang') || localStorage.getItem('arealbank.lang') || 'nn');
$('lang').addEventListener('change', (e) => {
  setLanguage(e.target.value);
  localStorage.setItem('arealbank.lang', language());
  render();
});

// ---------- map ----------
const map = L.map('map', { preferCanvas: true }).setView([59.4, 8.4], 8);
L.tileLayer('https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png',
  { maxZoom: 18, attribution: '© Kartverket' }).addTo(map);
const COLOURS = { invalid: '#b00020', warning: '#d18f00', valid: '#1b7f3b' };

function drawPreview() {
  if (state.layer) {
    state.layer.remove();
  }
  state.byOrdinal.clear();
  state.layer = L.geoJSON(state.features, {
    style: (f) => ({ color: COLOURS[f.properties.status], weight: 2, fillOpacity: 0.3 }),
    onEachFeature: (f, layer) => {
      state.byOrdinal.set(f.properties.ordinal, layer);
      layer.on('click', () => select(f.properties.ordinal));
    },
  }).addTo(map);
  const bounds = state.layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { maxZoom: 16 });
  }
}

function select(ordinal) {
  for (const row of document.querySelectorAll('#report tbody tr')) {
    row.classList.toggle('selected', Number(row.dataset.ordinal) === ordinal);
  }
  const layer = state.byOrdinal.get(ordinal);
  if (layer && layer.getBounds && layer.getBounds().isValid()) {
    map.fitBounds(layer.getBounds(), { maxZoom: 18 });
    window.arealbankImport.selected = ordinal;
  }
}

// ---------- report table ----------
function drawReport() {
  const body = document.querySelector('#report tbody');
  body.replaceChildren();
  for (const f of state.features.features) {
    const p = f.properties;
    const tr = document.createElement('tr');
    tr.className = p.status;
    tr.dataset.ordinal = p.ordinal;
    const cells = [String(p.ordinal), p.name || '–', p.matrikkelId || '', t(p.status)];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const issues = document.createElement('td');
    for (const i of p.issues) {
      const div = document.createElement('div');
      div.className = `issue-${i.severity}`;
      div.textContent = `${i.code}: ${i.message}`;
      issues.append(div);
    }
    tr.append(issues);
    tr.addEventListener('click', () => select(p.ordinal));
    body.append(tr);
  }
  $('report').hidden = false;
}

// ---------- mapping form ----------
function drawMapping() {
  const rows = $('mapping-rows');
  rows.replaceChildren();
  const fields = state.job.sourceFields || [];
  for (const target of TARGETS) {
    const rule = state.job.mapping[target];
    const field = typeof rule === 'string' ? rule : rule?.field;
    const tr = document.createElement('tr');
    const label = document.createElement('td');
    label.textContent = t(`f_${target}`);
    const select = document.createElement('select');
    select.id = `map-${target}`;
    select.dataset.target = target;
    select.append(new Option(t('notMapped'), ''));
    for (const f of fields) {
      select.append(new Option(f, f, false, f === field));
    }
    if (rule && typeof rule === 'object' && rule.values) {
      select.dataset.values = JSON.stringify(rule.values);
    }
    const constant = document.createElement('input');
    constant.id = `const-${target}`;
    constant.value = rule?.constant ?? '';
    constant.setAttribute('aria-label', `${t(`f_${target}`)}: ${t('constant')}`);
    const c1 = document.createElement('td');
    c1.append(select);
    const c2 = document.createElement('td');
    c2.append(constant);
    tr.append(label, c1, c2);
    rows.append(tr);
  }
  $('mapping-form').hidden = false;
}

function mappingFromForm() {
  const mapping = {};
  for (const target of TARGETS) {
    const select = $(`map-${target}`);
    const constant = $(`const-${target}`).value.trim();
    if (constant) {
      mapping[target] = { constant };
    } else if (select.value) {
      const values = select.dataset.values && select.value === (typeof state.job.mapping[target] === 'object'
        ? state.job.mapping[target].field : null) ? JSON.parse(select.dataset.values) : null;
      mapping[target] = values ? { field: select.value, values } : select.value;
    }
  }
  return mapping;
}

// ---------- job ----------
function render() {
  applyTranslations(document);
  const job = state.job;
  if (!job) {
    return;
  }
  const progress = job.progress.total ? ` (${t('progressOf', job.progress)})` : '';
  $('status').textContent = `${t(`st_${job.status}`)}${progress}`;
  $('job-progress').textContent = `${job.fileName}: ${t(`st_${job.status}`)}${progress}`;
  document.body.dataset.importStatus = job.status;
  if (job.error) {
    show(problemMessage(job.error, job.error.status));
  }
  const ready = job.status === 'ready';
  $('commit-section').hidden = !(ready || job.status === 'committed' || job.status === 'committing');
  $('counts').textContent = t('counts', job.counts);
  const blocked = job.counts.invalid > 0 && !$('skip-invalid').checked;
  $('commit').disabled = !ready || blocked || job.counts.valid === 0;
  $('commit-hint').textContent = ready && blocked ? t('commitBlocked') : '';
  $('report-csv').href = `api/imports/${job.id}/report.csv`;
  if (job.status === 'committed') {
    $('result').textContent = t('committedResult', { n: job.committedPlots });
  }
}

async function follow(id) {
  for (;;) {
    state.job = await request('GET', `api/imports/${id}`);
    render();
    if (FINAL.has(state.job.status)) {
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (state.job.status === 'ready') {
    state.features = await request('GET', `api/imports/${id}/features`);
    drawMapping();
    drawReport();
    drawPreview();
    render();
  }
  document.body.dataset.state = 'ready';
}

function upload(form) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', new URL('api/imports', document.baseURI));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) {
      xhr.setRequestHeader(k, v);
    }
    const bar = $('upload-progress');
    bar.hidden = false;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round((100 * e.loaded) / e.total);
      }
    };
    xhr.onload = () => {
      const data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      if (xhr.status === 202) {
        resolve(data);
      } else {
        reject(new Error(problemMessage(data, xhr.status)));
      }
    };
    xhr.onerror = () => reject(new Error(t('unexpected', { m: 'network' })));
    xhr.send(new FormData(form));
  });
}

$('upload-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  show('');
  if (!$('file').files.length) {
    show(t('chooseFile'));
    return;
  }
  document.body.dataset.state = 'busy';
  try {
    const job = await upload(e.target);
    history.replaceState(null, '', `?import=${job.id}`);
    await follow(job.id);
  } catch (err) {
    show(err.message);
    document.body.dataset.state = 'ready';
  }
});

$('mapping-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  show('');
  try {
    document.body.dataset.state = 'busy';
    await request('PUT', `api/imports/${state.job.id}/mapping`, mappingFromForm());
    await follow(state.job.id);
  } catch (err) {
    show(err.message);
    document.body.dataset.state = 'ready';
  }
});

$('skip-invalid').addEventListener('change', render);

$('commit').addEventListener('click', async () => {
  const job = state.job;
  const n = job.counts.valid;
  const m = state.municipalities.get(job.municipalityNumber) || job.municipalityNumber;
  if (!window.confirm(t('confirmCommit', { n, m }))) {
    return;
  }
  try {
    document.body.dataset.state = 'busy';
    await request('POST', `api/imports/${job.id}/commit`, { skipInvalid: $('skip-invalid').checked, publish: $('publish').checked });
    await follow(job.id);
  } catch (err) {
    show(err.message);
    document.body.dataset.state = 'ready';
  }
});

$('discard').addEventListener('click', async () => {
  try {
    await request('DELETE', `api/imports/${state.job.id}`);
    state.job = null;
    $('commit-section').hidden = true;
    $('mapping-form').hidden = true;
    $('report').hidden = true;
    if (state.layer) {
      state.layer.remove();
    }
    $('status').textContent = t('discarded');
  } catch (err) {
    show(err.message);
  }
});

// ---------- start: municipalities the signed-in planner may import for ----------
async function start() {
  let me = null;
  try {
    me = await request('GET', 'api/me');
  } catch (e) {
    me = null; // /api/me is another part of the workspace; without it every municipality is offered
  }
  let list = [];
  try {
    const fc = await request('GET', 'api/municipalities');
    list = fc.features.map((f) => f.properties);
  } catch (e) {
    show(e.message);
  }
  for (const m of list) {
    state.municipalities.set(m.municipalityNumber, m.name);
  }
  const allowed = me && !me.admin && Array.isArray(me.municipalities)
    ? list.filter((m) => me.municipalities.some((x) => (x.number || x.municipalityNumber || x) === m.municipalityNumber))
    : list;
  const select = $('municipality');
  for (const m of allowed) {
    select.append(new Option(`${m.name} (${m.municipalityNumber})`, m.municipalityNumber));
  }
  const id = params.get('import');
  if (id) {
    await follow(id).catch((e) => show(e.status === 401 ? t('signIn') : e.message));
  }
  render();
  document.body.dataset.state = 'ready';
}

start();
