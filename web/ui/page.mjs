// The playground page: settings from and to the URL, embed mode, theme, and run events posted to a
// parent frame so course pages can react.

import { mountPlayground } from './app.mjs';
import { PLAYGROUND_MARKUP } from './markup.mjs';
import { readSettings, writeSettings } from './url-state.mjs';

const { settings, problems, embed } = readSettings(location.search);
const main = document.getElementById('playground');
main.innerHTML = PLAYGROUND_MARKUP; // static markup, no user data

if (embed) {
  document.documentElement.classList.add('embed');
  const full = document.getElementById('open-full');
  const params = new URLSearchParams(location.search);
  params.delete('embed');
  full.href = `${location.pathname}?${params.toString()}`;
  full.hidden = false;
}

const theme = document.getElementById('theme');
function applyTheme(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  theme.setAttribute('aria-pressed', String(dark));
  theme.textContent = dark ? 'Light theme' : 'Dark theme';
}
applyTheme(localStorage.getItem('sp-theme') ? localStorage.getItem('sp-theme') === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);
theme.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'dark';
  localStorage.setItem('sp-theme', dark ? 'dark' : 'light');
  applyTheme(dark);
});

const inFrame = window.parent !== window;
window.playground = mountPlayground(document, {
  settings,
  problems,
  onSettings: (next) => history.replaceState(null, '', writeSettings(next, embed)),
  onRunEvent: (message) => {
    if (inFrame) window.parent.postMessage({ source: 'semaphore-playground', ...message }, '*');
  },
});
main.dataset.ready = 'true';
