// The plot sheet: everything a buyer asks about one plot, a shareable link and the enquiry form.

import { ApiError, endpointUrl, endpoints, postEnquiry } from './api.js';
import { el } from './dom.js';
import { formatArea, formatDistance, formatNumber, language, t } from './i18n.js';
import { purposeColor } from './layers.js';

const sheet = document.getElementById('sheet');
const titleEl = document.getElementById('sheet-title');
const body = document.getElementById('sheet-body');
let current = null;
let closeHandler = null;
let lastFocus = null;

const has = (v) => v !== null && v !== undefined && v !== '';
const kr = (v) => t('kr', { v: formatNumber(v) });
const localized = (text) => (text && typeof text === 'object' ? text[language()] || text.nn || text.nb || text.en : text);

export const sheetPlotId = () => current;

export function closeSheet() {
  if (current === null) return;
  current = null;
  sheet.hidden = true;
  document.body.classList.remove('sheet-open');
  closeHandler?.();
  lastFocus?.focus?.({ preventScroll: true });
}

function priceText(p) {
  if (has(p.priceTotal)) return kr(p.priceTotal);
  if (has(p.pricePerM2)) {
    const perM2 = t('perM2', { v: formatNumber(p.pricePerM2) });
    return has(p.effectivePrice) ? `${perM2} (${t('approx', { v: formatNumber(p.effectivePrice) })})` : perM2;
  }
  if (has(p.groundRentYearly)) return t('groundRent', { v: formatNumber(p.groundRentYearly) });
  return t('notGiven');
}

function rows(list) {
  const dl = el('dl', 'facts');
  for (const [term, value] of list) {
    if (!has(value)) continue;
    const dd = el('dd');
    if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    dl.append(el('dt', null, term), dd);
  }
  return dl;
}

function section(title, ...content) {
  const s = el('section', 'sheet-section');
  s.append(el('h3', null, title), ...content);
  return s;
}

function link(href, text) {
  const a = el('a', null, text);
  a.href = href;
  return a;
}

export function openSheet(feature, { onClose, onZoom } = {}) {
  const p = feature.properties || {};
  if (current !== p.id) lastFocus = document.activeElement;
  current = p.id;
  closeHandler = onClose;
  titleEl.textContent = p.name || t('plotUnnamed');
  body.replaceChildren();

  const badge = el('p', 'sheet-badges');
  const purpose = el('span', 'badge', t(p.purpose || 'other'));
  purpose.style.borderColor = purposeColor(p.purpose);
  purpose.style.setProperty('--c', purposeColor(p.purpose));
  badge.append(purpose, el('span', `badge status-${p.availability}`, t(p.availability || 'available')));
  if (p.buildReady) badge.append(el('span', 'badge', t('buildReady')));
  body.append(badge);

  const infra = el('ul', 'infra-list');
  for (const k of ['road', 'water', 'sewer', 'power', 'fibre']) {
    const v = p.infrastructure?.[k];
    if (!v) continue;
    const li = el('li', `infra-${v}`, `${t(k)}: ${v === 'yes' ? t('yes') : v === 'planned' ? t('infraPlanned') : t('no')}`);
    infra.append(li);
  }
  const fees = p.fees || {};
  const feeRows = ['survey', 'document', 'water', 'sewer', 'development'].filter((k) => has(fees[k]))
    .map((k) => [t(`fee_${k}`), kr(fees[k])]);
  const uses = (p.allowedUses || []).map((u) => t(u)).join(', ');
  const plan = p.planId ? link(`${endpointUrl(endpoints.plans)}?planId=${encodeURIComponent(p.planId)}&f=html`, p.planId) : null;
  const hazards = p.hazards?.length ? p.hazards.map((h) => h.name || h.code).join(', ') : t('noHazardsKnown');

  body.append(rows([
    [t('municipality'), p.municipalityName || p.municipalityNumber],
    [t('matrikkel'), p.matrikkelId],
    [t('areaLabel'), has(p.areaM2) ? `${formatNumber(p.areaM2)} m²` : null],
    [t('priceLabel'), priceText(p)],
    [t('tenure'), p.tenure ? t(p.tenure) : null],
    [t('allowedUses'), uses],
    [t('permanentResidence'), p.permanentResidenceAllowed ? t('yes') : t('no')],
    [t('hazardsLabel'), hazards],
    [t('plan'), plan],
    [t('nearestHub'), p.nearestBusinessHub ? `${p.nearestBusinessHub.name}, ${formatDistance(p.nearestBusinessHub.distanceM)}` : null],
    [t('nearestCentre'), p.nearestCentre ? `${p.nearestCentre.name}, ${formatDistance(p.nearestCentre.distanceM)}` : null],
    [t('allocation'), p.allocation ? t(p.allocation) : null],
    [t('buildingDeadline'), has(p.buildingDeadlineYears) ? t('years', { v: p.buildingDeadlineYears }) : null],
    [t('residenceObligation'), has(p.residenceObligationYears) ? t('years', { v: p.residenceObligationYears }) : null],
  ]));
  if (infra.children.length) body.append(section(t('infrastructure').replace(/\s*\(.*\)$/, ''), infra));
  if (feeRows.length || localized(fees.note)) {
    body.append(section(t('fees'), rows(feeRows), ...(localized(fees.note) ? [el('p', 'note', localized(fees.note))] : [])));
  }
  if (localized(p.incentives)) body.append(section(t('incentives'), el('p', null, localized(p.incentives))));
  if (localized(p.description)) body.append(section(t('description'), el('p', null, localized(p.description))));
  if (p.contact) {
    const c = p.contact;
    const parts = [el('p', null, c.name)];
    if (c.email) parts.push(el('p', null, '')), parts[parts.length - 1].append(link(`mailto:${c.email}`, c.email));
    if (c.phone) parts.push(el('p', null, '')), parts[parts.length - 1].append(link(`tel:${c.phone.replace(/\s/g, '')}`, c.phone));
    body.append(section(t('contact'), ...parts));
  }

  const actions = el('div', 'sheet-actions');
  const zoom = el('button', 'secondary', t('zoomTo'));
  zoom.type = 'button';
  zoom.addEventListener('click', () => onZoom?.());
  const share = el('button', 'secondary', t('sharePlot'));
  share.type = 'button';
  const shareNote = el('span', 'note');
  shareNote.setAttribute('role', 'status');
  share.addEventListener('click', async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      shareNote.textContent = t('linkCopied');
    } catch (e) {
      shareNote.textContent = url;
    }
  });
  actions.append(zoom, share, shareNote);
  body.append(actions, enquiryForm(p));

  sheet.hidden = false;
  document.body.classList.add('sheet-open');
  sheet.focus({ preventScroll: true });
}

function enquiryForm(p) {
  const box = el('section', 'sheet-section enquiry');
  const details = el('details');
  details.id = 'enquiry';
  const summary = el('summary', 'primary', t('enquiry'));
  const formEl = el('form');
  formEl.noValidate = true;
  formEl.dataset.testid = 'enquiry-form';
  formEl.append(el('p', 'note', t('enquiryIntro')));
  const fields = {};
  for (const [name, type, label, required] of [['name', 'text', 'name', true], ['email', 'email', 'email', true],
    ['phone', 'tel', 'phone', false], ['message', 'textarea', 'message', true]]) {
    const id = `enquiry-${name}`;
    const wrap = el('div', 'field');
    const lab = el('label', null, t(label));
    lab.htmlFor = id;
    const input = type === 'textarea' ? el('textarea') : el('input');
    if (type !== 'textarea') input.type = type;
    else input.rows = 4;
    input.id = id;
    input.name = name;
    input.required = required;
    if (name === 'email') input.autocomplete = 'email';
    if (name === 'name') input.autocomplete = 'name';
    const err = el('p', 'field-error');
    err.id = `${id}-error`;
    err.hidden = true;
    input.setAttribute('aria-describedby', err.id);
    wrap.append(lab, input, err);
    formEl.append(wrap);
    fields[name] = { input, err };
  }
  const send = el('button', 'primary', t('send'));
  send.type = 'submit';
  const result = el('p', 'enquiry-result');
  result.setAttribute('role', 'status');
  result.dataset.testid = 'enquiry-result';
  formEl.append(send, result);

  const setError = (name, text) => {
    const f = fields[name];
    if (!f) return;
    f.err.textContent = text || '';
    f.err.hidden = !text;
    f.input.setAttribute('aria-invalid', String(Boolean(text)));
  };
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';
    result.className = 'enquiry-result';
    let first = null;
    for (const [name, f] of Object.entries(fields)) {
      const v = f.input.value.trim();
      let problem = null;
      if (f.input.required && !v) problem = t('required');
      else if (name === 'email' && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) problem = t('invalidEmail');
      setError(name, problem);
      if (problem && !first) first = f.input;
    }
    if (first) {
      first.focus();
      return;
    }
    send.disabled = true;
    try {
      const answer = await postEnquiry({
        plotId: p.id, name: fields.name.input.value.trim(), email: fields.email.input.value.trim(),
        phone: fields.phone.input.value.trim() || undefined, message: fields.message.input.value.trim(),
        language: language(),
      });
      const when = answer?.receivedAt ? new Date(answer.receivedAt).toLocaleString(language() === 'en' ? 'en-GB' : 'nb-NO') : '';
      formEl.replaceChildren(el('p', 'enquiry-result ok', t('enquirySent', { t: when })));
      formEl.firstChild.setAttribute('role', 'status');
      formEl.firstChild.dataset.testid = 'enquiry-result';
      formEl.firstChild.dataset.enquiryId = String(answer?.id ?? '');
    } catch (err) {
      send.disabled = false;
      if (err instanceof ApiError && err.status === 422 && Array.isArray(err.problem?.errors)) {
        for (const fe of err.problem.errors) {
          setError(String(fe.pointer || '').replace(/^\//, '').split('/')[0], fe.detail);
        }
        result.textContent = err.problem.title || err.message;
      } else if (err instanceof ApiError && err.status === 429) {
        result.textContent = t('enquiryTooMany');
      } else if (err instanceof ApiError && [401, 403, 404, 405].includes(err.status)) {
        result.textContent = t('enquiryUnavailable');
      } else {
        result.textContent = t('enquiryFailed', { m: err.message });
      }
      result.className = 'enquiry-result bad';
    }
  });
  details.append(summary, formEl);
  box.append(details);
  return box;
}
