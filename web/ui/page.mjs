// The playground page: settings from and to the URL, embed mode, theme, and run events (and the
// content's height) posted to a parent frame so course pages can react and size the frame.

import { mountPlayground } from './app.mjs';
import { PLAYGROUND_MARKUP } from './markup.mjs';
import { readSettings, writeSettings } from './url-state.mjs';

const { settings, problems, embed } = readSettings(location.search);
const main = document.getElementById('playground');
main.innerHTML = PLAYGROUND_MARKUP; // static markup, no user data
const inFrame = window.parent !== window;
const post = (message) => {
  if (inFrame) window.parent.postMessage({ source: 'semaphore-playground', ...message }, '*');
};

// Theme: the link's choice, else the learner's last choice, else the system's.
const themeButton = document.getElementById('theme');
const systemDark = matchMedia('(prefers-color-scheme: dark)');
function chosenDark() {
  if (settings.theme !== 'auto') return settings.theme === 'dark';
  const stored = localStorage.getItem('sp-theme');
  return stored ? stored === 'dark' : systemDark.matches;
}
let playground = null;
function applyTheme(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  themeButton.setAttribute('aria-pressed', String(dark)); // "Dark theme", pressed or not
  playground?.refresh(); // the timeline reads its colours from CSS when it draws
}
applyTheme(chosenDark());
themeButton.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'dark';
  localStorage.setItem('sp-theme', dark ? 'dark' : 'light');
  settings.theme = 'auto';
  applyTheme(dark);
});
systemDark.addEventListener('change', () => applyTheme(chosenDark()));

const full = document.getElementById('open-full');
if (embed) {
  document.documentElement.classList.add('embed');
  full.hidden = false;
}

playground = mountPlayground(document, {
  settings,
  problems,
  onSettings: (next) => {
    const withTheme = { ...next, theme: settings.theme };
    history.replaceState(null, '', writeSettings(withTheme, { embed }));
    // The full playground, with what is set here; free of the course's lock= and hide=.
    full.href = `${location.pathname}${writeSettings({ ...withTheme, lock: null, hide: null })}`;
  },
  onRunEvent: post,
  wantsEvents: inFrame, // only a parent frame hears them
  shareUrl: (next) => `${location.origin}${location.pathname}${writeSettings({ ...next, theme: settings.theme, lock: null, hide: null })}`,
});
if (inFrame) {
  // The host page sizes the frame to the content (see README: "Embedding").
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) post({ type: 'resize', height });
    last = height;
  }).observe(document.body);
}
main.dataset.ready = 'true';
