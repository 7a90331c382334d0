// The sign-in page: a plain HTML form posted to Spring Security's POST /login with the CSRF field, so the browser
// follows the redirect itself (to planner.html, or back here with ?error=credentials|locked|unknown|oidc).
import { addTexts, setLanguage, language, t } from './i18n.js';
import { changeMyPassword, fetchMe, fetchSignInOptions } from './api.js';

addTexts({
  nn: {
    signInSubtitle: 'Innlogging for kommunane', signInTitle: 'Logg inn', username: 'Brukarnamn', password: 'Passord',
    signIn: 'Logg inn', or: 'eller', signInWith: 'Logg inn med {name}',
    errorCredentials: 'Feil brukarnamn eller passord.',
    errorLocked: 'For mange mislukka forsøk. Innlogginga er sperra ei stund; prøv igjen om 15 minutt.',
    errorUnknown: 'Du vart kjend att, men har ingen brukar i Arealbank. Spør den regionale administratoren.',
    errorOidc: 'Innlogginga med den eksterne tenesta lukkast ikkje. Prøv igjen.',
    errorUnavailable: 'Innlogginga er ikkje tilgjengeleg no: {m}',
    signedInTitle: 'Du er logga inn', signedInAs: 'Logga inn som {name} ({username}).', toWorkspace: 'Til arbeidsflata',
    toAdmin: 'Brukaradministrasjon', signOut: 'Logg ut', signedOut: 'Du er logga ut.',
    changePassword: 'Byt passord', currentPassword: 'Noverande passord',
    newPasswordRule: 'Nytt passord (minst 12 teikn, ikkje brukarnamnet)', savePassword: 'Lagre nytt passord',
    passwordChanged: 'Passordet er bytt.', passwordFailed: 'Passordet vart ikkje bytt: {m}',
  },
  nb: {
    signInSubtitle: 'Innlogging for kommunene', signInTitle: 'Logg inn', username: 'Brukernavn', password: 'Passord',
    signIn: 'Logg inn', or: 'eller', signInWith: 'Logg inn med {name}',
    errorCredentials: 'Feil brukernavn eller passord.',
    errorLocked: 'For mange mislykkede forsøk. Innloggingen er sperret en stund; prøv igjen om 15 minutter.',
    errorUnknown: 'Du ble gjenkjent, men har ingen bruker i Arealbank. Spør den regionale administratoren.',
    errorOidc: 'Innloggingen med den eksterne tjenesten lyktes ikke. Prøv igjen.',
    errorUnavailable: 'Innloggingen er ikke tilgjengelig nå: {m}',
    signedInTitle: 'Du er logget inn', signedInAs: 'Logget inn som {name} ({username}).', toWorkspace: 'Til arbeidsflaten',
    toAdmin: 'Brukeradministrasjon', signOut: 'Logg ut', signedOut: 'Du er logget ut.',
    changePassword: 'Bytt passord', currentPassword: 'Nåværende passord',
    newPasswordRule: 'Nytt passord (minst 12 tegn, ikke brukernavnet)', savePassword: 'Lagre nytt passord',
    passwordChanged: 'Passordet er byttet.', passwordFailed: 'Passordet ble ikke byttet: {m}',
  },
  en: {
    signInSubtitle: 'Sign-in for the municipalities', signInTitle: 'Sign in', username: 'Username', password: 'Password',
    signIn: 'Sign in', or: 'or', signInWith: 'Sign in with {name}',
    errorCredentials: 'Wrong username or password.',
    errorLocked: 'Too many failed attempts. Sign-in is blocked for a while; try again in 15 minutes.',
    errorUnknown: 'You were recognised, but you have no Arealbank user. Ask the regional administrator.',
    errorOidc: 'Signing in with the external service did not succeed. Please try again.',
    errorUnavailable: 'Sign-in is not available right now: {m}',
    signedInTitle: 'You are signed in', signedInAs: 'Signed in as {name} ({username}).', toWorkspace: 'To the workspace',
    toAdmin: 'User administration', signOut: 'Sign out', signedOut: 'You are signed out.',
    changePassword: 'Change password', currentPassword: 'Current password',
    newPasswordRule: 'New password (at least 12 characters, not the username)', savePassword: 'Save new password',
    passwordChanged: 'Your password was changed.', passwordFailed: 'The password was not changed: {m}',
  },
});

const ERRORS = { credentials: 'errorCredentials', locked: 'errorLocked', unknown: 'errorUnknown', oidc: 'errorOidc' };
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let providers = [];
let me = null;

function render() {
  const error = ERRORS[params.get('error')];
  const message = $('sign-in-message');
  message.hidden = !error;
  if (error) {
    message.textContent = t(error);
  }
  const buttons = $('provider-buttons');
  buttons.replaceChildren(...providers.map((p) => {
    const a = document.createElement('a');
    a.className = 'button secondary';
    a.href = p.href;
    a.dataset.provider = p.id;
    a.textContent = t('signInWith', { name: p.name });
    return a;
  }));
  $('providers').hidden = providers.length === 0;
  $('signed-in').hidden = !me;
  $('sign-in').hidden = !!me;
  if (me) {
    $('signed-in-as').textContent = t('signedInAs', { name: me.displayName, username: me.username });
    $('to-admin').hidden = !me.admin;
  }
}

function chooseLanguage() {
  const lang = setLanguage(params.get('lang') || localStorage.getItem('arealbank.lang') || 'nn');
  $('lang').value = lang;
  $('lang').addEventListener('change', (e) => {
    setLanguage(e.target.value);
    localStorage.setItem('arealbank.lang', language());
    render();
  });
}

async function changePassword(event) {
  event.preventDefault();
  const message = $('password-message');
  try {
    await changeMyPassword($('current-password').value, $('new-password').value);
    event.target.reset();
    message.className = 'notice ok';
    message.textContent = t('passwordChanged');
  } catch (e) {
    message.className = 'notice error';
    message.textContent = t('passwordFailed', { m: e.message });
  }
  message.hidden = false;
}

async function start() {
  chooseLanguage();
  const target = params.get('continue');
  if (target && target.startsWith('/') && !target.startsWith('//')) {
    $('continue').value = target;
  } else {
    $('continue').remove();
  }
  try {
    const options = await fetchSignInOptions();
    providers = options.providers || [];
    for (const field of document.querySelectorAll('#csrf, .csrf')) {
      field.name = options.csrfParameter;
      field.value = options.csrfToken;
    }
    me = await fetchMe();
  } catch (e) {
    const message = $('sign-in-message');
    message.hidden = false;
    message.textContent = t('errorUnavailable', { m: e.message });
    document.body.dataset.state = 'error';
    return;
  }
  render();
  $('password-form').addEventListener('submit', changePassword);
  if (!me) {
    $('username').focus();
  }
  document.body.dataset.state = 'ready';
}

start();
