// The plot attribute form: built from one field list, read into a plot's properties, checked with the API's rules
// (messages in the chosen language), and server problems (RFC 9457 errors with JSON pointers) shown at their field.

import { el } from '../dom.js';
import { formatArea, t } from '../i18n.js';

export const USES = ['bustad', 'fritidsbustad', 'naering', 'kontor', 'industri', 'lager', 'forretning', 'tenesteyting'];
const PURPOSES = ['housing', 'leisure', 'business', 'combined'];
const AVAILABILITY = ['available', 'reserved', 'sold', 'planned'];
const TENURE = ['sale', 'leasehold'];
const INFRA = ['road', 'water', 'sewer', 'power', 'fibre'];
const INFRA_VALUES = ['yes', 'no', 'planned'];

/** Every field of the form: key, label, kind, and where it lives in the plot's properties. */
export const FIELDS = [
  { key: 'name', label: 'pName', kind: 'text', required: true, max: 200 },
  { key: 'purpose', label: 'purpose', kind: 'select', options: PURPOSES, required: true },
  { key: 'allowedUses', label: 'pAllowedUses', kind: 'uses', required: true },
  { key: 'landUseCode', label: 'pLandUseCode', kind: 'integer' },
  { key: 'availability', label: 'pAvailability', kind: 'select', options: AVAILABILITY, required: true },
  { key: 'tenure', label: 'pTenure', kind: 'select', options: TENURE, optional: true },
  { key: 'priceTotal', label: 'pPriceTotal', kind: 'money' },
  { key: 'pricePerM2', label: 'pPricePerM2', kind: 'money' },
  ...INFRA.map((k) => ({ key: `infrastructure.${k}`, label: k, kind: 'select', options: INFRA_VALUES, optional: true })),
  { key: 'matrikkel.gnr', label: 'pGnr', kind: 'integer' },
  { key: 'matrikkel.bnr', label: 'pBnr', kind: 'integer' },
  { key: 'planId', label: 'pPlanId', kind: 'text', max: 40 },
  { key: 'contact.name', label: 'pContactName', kind: 'text', max: 200 },
  { key: 'contact.email', label: 'pContactEmail', kind: 'email' },
  { key: 'contact.phone', label: 'pContactPhone', kind: 'text', max: 40 },
  { key: 'description.nn', label: 'pDescription', kind: 'textarea', max: 5000 },
  { key: 'published', label: 'pPublished', kind: 'checkbox' },
];

const optionLabel = (key, value) => {
  if (key.startsWith('infrastructure.')) return t(value === 'planned' ? 'infraPlanned' : value);
  return t(value);
};

export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  o[keys[keys.length - 1]] = value;
}

const id = (key) => `pf-${key.replace('.', '-')}`;

/** Builds the form's fields into `form` (keeping its submit buttons added by the caller). */
/** A button whose text follows the chosen language (data-i18n). */
function textButton(id, type, className, key) {
  const button = el('button', className, t(key));
  button.type = type;
  button.id = id;
  button.dataset.i18n = key;
  return button;
}

export function buildForm(form) {
  form.replaceChildren();
  const area = document.createElement('p');
  area.id = 'pf-area';
  area.className = 'live-area';
  area.dataset.testid = 'live-area';
  form.append(area);
  const geometryError = document.createElement('p');
  geometryError.id = 'pf-geometry-error';
  geometryError.className = 'field-error';
  geometryError.hidden = true;
  form.append(geometryError);
  for (const f of FIELDS) {
    const wrap = document.createElement('div');
    wrap.className = `field field-${f.kind}`;
    const label = document.createElement('label');
    label.htmlFor = id(f.key);
    label.dataset.i18n = f.label;
    label.textContent = t(f.label);
    let input;
    if (f.kind === 'select') {
      input = document.createElement('select');
      if (f.optional || !f.required) input.append(new Option('–', ''));
      for (const v of f.options) {
        const o = new Option(optionLabel(f.key, v), v);
        input.append(o);
      }
    } else if (f.kind === 'uses') {
      input = document.createElement('fieldset');
      input.className = 'uses';
      const legend = document.createElement('legend');
      legend.textContent = t(f.label);
      input.append(legend);
      for (const u of USES) {
        const l = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = 'allowedUses';
        box.value = u;
        l.append(box, ` ${u}`);
        input.append(l);
      }
      const derived = document.createElement('p');
      derived.id = 'pf-permanent';
      derived.className = 'derived';
      derived.dataset.testid = 'permanent-derived';
      input.append(derived);
      input.addEventListener('change', () => showDerived(form));
    } else if (f.kind === 'textarea') {
      input = document.createElement('textarea');
      input.rows = 3;
      input.maxLength = f.max;
    } else if (f.kind === 'checkbox') {
      input = document.createElement('input');
      input.type = 'checkbox';
    } else {
      input = document.createElement('input');
      input.type = f.kind === 'email' ? 'email' : f.kind === 'text' ? 'text' : 'number';
      if (f.kind === 'money' || f.kind === 'integer') {
        input.min = '0';
        input.step = f.kind === 'money' ? '1000' : '1';
        input.inputMode = 'numeric';
      }
      if (f.max) input.maxLength = f.max;
    }
    input.id = id(f.key);
    input.dataset.field = f.key;
    const error = document.createElement('p');
    error.className = 'field-error';
    error.id = `${id(f.key)}-error`;
    error.hidden = true;
    if (f.kind !== 'uses') input.setAttribute('aria-describedby', error.id);
    if (f.kind === 'uses') wrap.append(input, error);
    else if (f.kind === 'checkbox') { label.prepend(input, ' '); label.htmlFor = ''; wrap.append(label, error); }
    else wrap.append(label, input, error);
    form.append(wrap);
  }
  const row = document.createElement('div');
  row.className = 'form-row';
  const save = textButton('pf-save', 'submit', null, 'pSave');
  const archive = textButton('pf-archive', 'button', 'danger', 'pArchive');
  const move = textButton('pf-move', 'button', 'secondary', 'pMove');
  move.setAttribute('aria-pressed', 'false');
  row.append(save, move, archive);
  const result = document.createElement('p');
  result.id = 'pf-result';
  result.setAttribute('role', 'status');
  form.append(row, result);
}

function showDerived(form) {
  const uses = [...form.querySelectorAll('input[name=allowedUses]:checked')].map((b) => b.value);
  form.querySelector('#pf-permanent').textContent = t('pPermanentDerived', { v: t(uses.includes('bustad') ? 'yes' : 'no') });
}

/** Puts a plot's properties into the form. */
export function fillForm(form, p) {
  for (const f of FIELDS) {
    const v = getPath(p, f.key);
    const input = form.querySelector(`#${id(f.key)}`);
    if (f.kind === 'uses') {
      for (const box of input.querySelectorAll('input')) box.checked = Array.isArray(v) && v.includes(box.value);
    } else if (f.kind === 'checkbox') {
      input.checked = Boolean(v);
    } else {
      input.value = v === null || v === undefined ? '' : String(v);
    }
  }
  showDerived(form);
  clearErrors(form);
}

/** The form's values over `base` (the plot as last read), so fields the form does not show are kept. */
export function readForm(form, base = {}) {
  const p = structuredClone(base);
  for (const f of FIELDS) {
    const input = form.querySelector(`#${id(f.key)}`);
    let v;
    if (f.kind === 'uses') v = [...input.querySelectorAll('input:checked')].map((b) => b.value);
    else if (f.kind === 'checkbox') v = input.checked;
    else if (f.kind === 'money' || f.kind === 'integer') v = input.value.trim() === '' ? null : Number(input.value);
    else v = input.value.trim() === '' ? null : input.value.trim();
    setPath(p, f.key, v);
  }
  // a nested object with nothing in it is left out, as the API wants (e.g. no matrikkel rather than empty numbers)
  for (const group of ['matrikkel', 'contact', 'infrastructure', 'description']) {
    const o = p[group];
    if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if (v === null || v === undefined) delete o[k];
      }
      if (!Object.keys(o).length) p[group] = null;
    }
  }
  return p;
}

/** The API's rules a form can check by itself; answers {field: message}. */
export function checkForm(p, hasGeometry) {
  const errors = {};
  if (!hasGeometry) errors.geometry = t('pNeedGeometry');
  for (const f of FIELDS) {
    const v = getPath(p, f.key);
    if (f.kind === 'uses' && !(Array.isArray(v) && v.length)) errors[f.key] = t('pNeedUse');
    else if (f.required && (v === null || v === undefined || v === '')) errors[f.key] = t('pRequired');
    else if ((f.kind === 'money' || f.kind === 'integer') && v !== null && v !== undefined) {
      if (Number.isNaN(v) || v < 0) errors[f.key] = t('pNotNegative');
      else if (f.kind === 'integer' && !Number.isInteger(v)) errors[f.key] = t('pWholeNumber');
    } else if (f.kind === 'email' && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) errors[f.key] = t('pBadEmail');
  }
  return errors;
}

export function clearErrors(form) {
  for (const e of form.querySelectorAll('.field-error')) {
    e.hidden = true;
    e.textContent = '';
  }
  for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
}

/** Shows errors at their fields; answers the first invalid input (to focus). */
export function showErrors(form, errors) {
  clearErrors(form);
  let first = null;
  for (const [key, message] of Object.entries(errors)) {
    const target = key === 'geometry' ? form.querySelector('#pf-geometry-error')
      : form.querySelector(`#${id(key)}-error`) || form.querySelector('#pf-geometry-error');
    target.hidden = false;
    target.textContent = target.textContent ? `${target.textContent} ${message}` : message;
    const input = form.querySelector(`#${id(key)}`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      first = first || input;
    }
  }
  return first;
}

/**
 * A problem's field errors by form field: `/properties/contact/email` → `contact.email`, `/geometry` → geometry.
 * The server's words are English; each is shown after a translated lead-in.
 */
export function serverErrors(problem) {
  const errors = {};
  for (const e of problem?.errors || []) {
    const path = String(e.pointer || '').replace(/^\/(properties\/)?/, '').split('/').filter((s) => !/^\d+$/.test(s));
    const key = path[0] === 'geometry' || path[0] === 'coordinates' ? 'geometry' : path.slice(0, 2).join('.');
    const known = FIELDS.find((f) => f.key === key)?.key || FIELDS.find((f) => f.key === path[0])?.key
      || FIELDS.find((f) => f.key.startsWith(`${path[0]}.`))?.key || 'geometry';
    errors[known] = t('pServerSays', { m: e.detail });
  }
  return errors;
}

export function showArea(form, m2) {
  form.querySelector('#pf-area').textContent = m2 === null ? '' : t('pLiveArea', { a: formatArea(Math.round(m2)) });
}
