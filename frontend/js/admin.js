// The regional admin's page: list, create, deactivate and edit users (municipalities, role, password) and read the
// recent sign-ins. Every request goes through api.js; the server decides who may do what (403 for planners).
import { addTexts, setLanguage, language, t } from './i18n.js';
import {
  createUser, fetchMe, fetchMunicipalities, fetchSignIns, fetchUsers, patchUser, resetPassword, signOut,
} from './api.js';

addTexts({
  nn: {
    adminSubtitle: 'Brukaradministrasjon', usersTitle: 'Brukarar', username: 'Brukarnamn', displayName: 'Namn',
    email: 'E-post', role: 'Rolle', municipalities: 'Kommunar', actions: 'Handlingar', admin: 'Regional admin',
    planner: 'Planleggjar', allMunicipalitiesShort: 'alle', deactivate: 'Deaktiver', activate: 'Aktiver',
    edit: 'Endre', inactive: 'deaktivert', createTitle: 'Ny brukar', initialPassword: 'Første passord (minst 12 teikn)',
    regionalAdmin: 'Regional administrator (alle kommunar)', plannerFor: 'Planleggjar for', create: 'Opprett brukar',
    created: 'Brukaren {username} er oppretta.', updated: 'Brukaren {username} er endra.',
    signInsTitle: 'Siste innloggingar', time: 'Tid', outcome: 'Utfall', method: 'Måte', address: 'Adresse',
    success: 'lukka', bad_credentials: 'feil passord', locked: 'sperra', disabled: 'deaktivert',
    unknown_user: 'ukjend brukar', failed: 'mislukka', newPassword: 'Nytt passord (tomt = uendra)', save: 'Lagre',
    cancel: 'Avbryt', editTitle: 'Endre {username}', notSignedIn: 'Du er ikkje logga inn.', signInLink: 'Logg inn',
    notAdmin: 'Berre regionale administratorar kan administrere brukarar.', signOut: 'Logg ut',
    failed_: 'Det gjekk ikkje: {m}', signedInAs: '{name}',
  },
  nb: {
    adminSubtitle: 'Brukeradministrasjon', usersTitle: 'Brukere', username: 'Brukernavn', displayName: 'Navn',
    email: 'E-post', role: 'Rolle', municipalities: 'Kommuner', actions: 'Handlinger', admin: 'Regional admin',
    planner: 'Planlegger', allMunicipalitiesShort: 'alle', deactivate: 'Deaktiver', activate: 'Aktiver',
    edit: 'Endre', inactive: 'deaktivert', createTitle: 'Ny bruker', initialPassword: 'Første passord (minst 12 tegn)',
    regionalAdmin: 'Regional administrator (alle kommuner)', plannerFor: 'Planlegger for', create: 'Opprett bruker',
    created: 'Brukeren {username} er opprettet.', updated: 'Brukeren {username} er endret.',
    signInsTitle: 'Siste innlogginger', time: 'Tid', outcome: 'Utfall', method: 'Måte', address: 'Adresse',
    success: 'lyktes', bad_credentials: 'feil passord', locked: 'sperret', disabled: 'deaktivert',
    unknown_user: 'ukjent bruker', failed: 'mislyktes', newPassword: 'Nytt passord (tomt = uendret)', save: 'Lagre',
    cancel: 'Avbryt', editTitle: 'Endre {username}', notSignedIn: 'Du er ikke logget inn.', signInLink: 'Logg inn',
    notAdmin: 'Bare regionale administratorer kan administrere brukere.', signOut: 'Logg ut',
    failed_: 'Det gikk ikke: {m}', signedInAs: '{name}',
  },
  en: {
    adminSubtitle: 'User administration', usersTitle: 'Users', username: 'Username', displayName: 'Name',
    email: 'E-mail', role: 'Role', municipalities: 'Municipalities', actions: 'Actions', admin: 'Regional admin',
    planner: 'Planner', allMunicipalitiesShort: 'all', deactivate: 'Deactivate', activate: 'Activate',
    edit: 'Edit', inactive: 'deactivated', createTitle: 'New user', initialPassword: 'First password (at least 12 characters)',
    regionalAdmin: 'Regional administrator (all municipalities)', plannerFor: 'Planner for', create: 'Create user',
    created: 'User {username} was created.', updated: 'User {username} was changed.',
    signInsTitle: 'Recent sign-ins', time: 'Time', outcome: 'Outcome', method: 'Method', address: 'Address',
    success: 'success', bad_credentials: 'wrong password', locked: 'locked', disabled: 'deactivated',
    unknown_user: 'unknown user', failed: 'failed', newPassword: 'New password (empty = unchanged)', save: 'Save',
    cancel: 'Cancel', editTitle: 'Edit {username}', notSignedIn: 'You are not signed in.', signInLink: 'Sign in',
    notAdmin: 'Only regional administrators can manage users.', signOut: 'Sign out',
    failed_: 'That did not work: {m}', signedInAs: '{name}',
  },
});

const $ = (id) => document.getElementById(id);
const state = { me: null, users: [], signIns: [], municipalities: [], editing: null };

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function say(text, kind = 'ok') {
  const m = $('message');
  m.hidden = !text;
  m.className = `notice ${kind}`;
  m.textContent = text || '';
}

function municipalityName(number) {
  return state.municipalities.find((m) => m.number === number)?.name || number;
}

function municipalityBoxes(fieldset, prefix, selected = []) {
  fieldset.querySelectorAll('label').forEach((l) => l.remove());
  for (const m of state.municipalities) {
    const box = el('input', { type: 'checkbox', value: m.number, id: `${prefix}-${m.number}`, checked: selected.includes(m.number) });
    fieldset.append(el('label', { htmlFor: box.id }, box, ` ${m.name} (${m.number})`));
  }
}

const checked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((b) => b.value);

function renderUsers() {
  const body = $('users').tBodies[0];
  body.replaceChildren(...state.users.map((u) => {
    const toggle = el('button', {
      type: 'button', className: 'secondary', textContent: t(u.enabled ? 'deactivate' : 'activate'),
    });
    toggle.dataset.action = u.enabled ? 'deactivate' : 'activate';
    toggle.addEventListener('click', () => update(u.username, { enabled: !u.enabled }));
    const edit = el('button', { type: 'button', className: 'secondary', textContent: t('edit') });
    edit.dataset.action = 'edit';
    edit.addEventListener('click', () => openEdit(u));
    const self = state.me && u.username === state.me.username;
    const row = el('tr', { className: u.enabled ? '' : 'disabled' },
      el('td', { textContent: u.username + (u.enabled ? '' : ` (${t('inactive')})`) }),
      el('td', { textContent: u.displayName }),
      el('td', { className: 'wide', textContent: u.email || '' }),
      el('td', { textContent: t(u.admin ? 'admin' : 'planner') }),
      el('td', { textContent: u.admin ? t('allMunicipalitiesShort') : u.municipalities.map(municipalityName).join(', ') }),
      el('td', {}, el('div', { className: 'actions' }, self ? null : toggle, edit)));
    row.dataset.username = u.username;
    return row;
  }));
}

function renderSignIns() {
  const body = $('sign-ins').tBodies[0];
  const format = new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'short', timeStyle: 'medium' });
  body.replaceChildren(...state.signIns.map((s) => el('tr', {},
    el('td', { textContent: format.format(new Date(s.at)) }),
    el('td', { textContent: s.username }),
    el('td', { textContent: t(s.outcome) }),
    el('td', { textContent: s.method }),
    el('td', { className: 'wide', textContent: s.clientAddress || '' }))));
}

function render() {
  renderUsers();
  renderSignIns();
  $('who').textContent = state.me ? t('signedInAs', { name: state.me.displayName }) : '';
}

async function reload() {
  const [users, signIns] = await Promise.all([fetchUsers(), fetchSignIns(50)]);
  state.users = users.users;
  state.signIns = signIns.signIns;
  render();
}

async function update(username, patch) {
  try {
    await patchUser(username, patch);
    say(t('updated', { username }));
    await reload();
  } catch (e) {
    say(t('failed_', { m: e.message }), 'error');
  }
}

function openEdit(user) {
  state.editing = user;
  $('edit-title').textContent = t('editTitle', { username: user.username });
  municipalityBoxes($('e-municipalities'), 'e', user.municipalities);
  $('e-admin').checked = user.admin;
  $('e-password').value = '';
  $('edit-message').hidden = true;
  $('edit-dialog').showModal();
}

async function saveEdit() {
  const user = state.editing;
  try {
    const password = $('e-password').value;
    if (password) {
      await resetPassword(user.username, password);
    }
    await patchUser(user.username, { admin: $('e-admin').checked, municipalities: checked($('e-municipalities')) });
    $('edit-dialog').close();
    say(t('updated', { username: user.username }));
    await reload();
  } catch (e) {
    $('edit-message').hidden = false;
    $('edit-message').textContent = t('failed_', { m: e.message });
  }
}

async function create(event) {
  event.preventDefault();
  const form = event.target;
  const user = {
    username: form.username.value.trim(), displayName: form.displayName.value.trim(),
    email: form.email.value.trim() || null, admin: $('c-admin').checked,
    municipalities: checked($('c-municipalities')), password: form.password.value,
  };
  try {
    await createUser(user);
    form.reset();
    say(t('created', { username: user.username }));
    await reload();
  } catch (e) {
    say(t('failed_', { m: e.message }), 'error');
  }
}

function chooseLanguage() {
  const params = new URLSearchParams(location.search);
  const lang = setLanguage(params.get('lang') || localStorage.getItem('arealbank.lang') || 'nn');
  $('lang').value = lang;
  $('lang').addEventListener('change', (e) => {
    setLanguage(e.target.value);
    localStorage.setItem('arealbank.lang', language());
    render();
  });
}

async function start() {
  chooseLanguage();
  try {
    state.me = await fetchMe();
    if (!state.me) {
      say(t('notSignedIn'), 'error');
      $('message').append(' ', el('a', { href: 'login.html?continue=/admin.html', textContent: t('signInLink') }));
      document.body.dataset.state = 'signed-out';
      return;
    }
    $('sign-out').hidden = false;
    $('sign-out').addEventListener('click', async () => {
      await signOut();
      location.href = './';
    });
    if (!state.me.admin) {
      say(t('notAdmin'), 'error');
      document.body.dataset.state = 'forbidden';
      return;
    }
    const municipalities = await fetchMunicipalities();
    state.municipalities = (municipalities.features || [])
      .map((f) => ({ number: f.properties.municipalityNumber, name: f.properties.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    municipalityBoxes($('c-municipalities'), 'c');
    $('create-form').addEventListener('submit', create);
    $('e-save').addEventListener('click', saveEdit);
    $('e-cancel').addEventListener('click', () => $('edit-dialog').close());
    for (const id of ['users-card', 'create-card', 'sign-ins-card']) {
      $(id).hidden = false;
    }
    await reload();
    document.body.dataset.state = 'ready';
  } catch (e) {
    say(t('failed_', { m: e.message }), 'error');
    document.body.dataset.state = 'error';
  }
}

start();
