// The enquiry inbox of the planner workspace: enquiries about the municipality's plots by status, each with its
// status and note saved with If-Match; CSV export; and a person's data exported or erased on request.

import { el } from '../dom.js';
import { language, t } from '../i18n.js';

const $ = (id) => document.getElementById(id);
let api = null;
let municipality = null;

const STATUSES = [['new', 'pNew'], ['answered', 'pAnswered'], ['closed', 'pClosed']];

export function initInbox(deps) {
  api = deps;
  $('inbox-status').addEventListener('change', () => loadInbox(municipality).catch(api.fail));
  $('privacy-export').addEventListener('click', () => exportPerson().catch(api.fail));
  $('privacy-erase').addEventListener('click', () => erasePerson().catch(api.fail));
}

export async function loadInbox(number) {
  municipality = number;
  const status = $('inbox-status').value;
  const { data } = await api.send('GET', 'api/enquiries', { params: { municipality: number, status, limit: 200 } });
  const list = $('inbox');
  list.replaceChildren();
  if (!data.enquiries.length) list.append(el('li', 'empty', t('pNoEnquiries')));
  for (const e of data.enquiries) list.append(item(e));
}

function item(e) {
  const li = el('li', `enquiry status-${e.status}`);
  li.dataset.enquiryId = e.id;
  const when = new Date(e.receivedAt).toLocaleString(language() === 'en' ? 'en-GB' : 'nb-NO');
  li.append(el('strong', null, `${e.name} <${e.email}>${e.phone ? ` · ${e.phone}` : ''}`),
    el('span', 'result-detail', `${t('pAbout', { plot: e.plotName })} · ${t('pReceived', { t: when })}`),
    el('p', 'enquiry-message', e.message));
  const form = el('form', 'enquiry-edit');
  const statusLabel = el('label', null, t('pStatus'));
  const status = document.createElement('select');
  for (const [value, key] of STATUSES) status.append(new Option(t(key), value, false, value === e.status));
  statusLabel.append(' ', status);
  const noteLabel = el('label', null, t('pNote'));
  const note = document.createElement('textarea');
  note.rows = 2;
  note.maxLength = 5000;
  note.value = e.note || '';
  noteLabel.append(note);
  const save = el('button', 'secondary', t('pSaveEnquiry'));
  save.type = 'submit';
  const result = el('span', 'result-detail');
  result.setAttribute('role', 'status');
  form.append(statusLabel, noteLabel, save, result);
  let version = e.version;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const { data } = await api.send('PATCH', `api/enquiries/${e.id}`, {
        body: { status: status.value, note: note.value || null }, contentType: 'application/merge-patch+json',
        headers: { 'If-Match': `"${version}"` },
      });
      version = data.version;
      li.className = `enquiry status-${data.status}`;
      result.textContent = '✓';
    } catch (err) {
      result.textContent = err.message;
    }
  });
  li.append(form);
  return li;
}

async function exportPerson() {
  const email = $('privacy-email').value.trim();
  if (!email) return;
  const { data } = await api.send('GET', 'api/enquiries/personal-data', { params: { email } });
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = `personopplysningar-${email.replace(/[^a-z0-9@._-]/gi, '_')}.json`;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function erasePerson() {
  const email = $('privacy-email').value.trim();
  if (!email || !window.confirm(t('pPrivacyConfirm', { email }))) return;
  const { data } = await api.send('DELETE', 'api/enquiries/personal-data', { params: { email } });
  $('privacy-result').textContent = t('pPrivacyErased', { n: data?.deleted ?? 0 });
  await loadInbox(municipality);
}
