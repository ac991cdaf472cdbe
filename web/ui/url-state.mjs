// Settings <-> the page URL (and a widget's attributes, read the same way), so a link reopens exactly
// what was shared. Values are kept as typed, bad ones too: the form checks them (field-rules.mjs),
// names the field and never runs them. Nothing from the URL is ever rendered as HTML.

export const SPEEDS = ['0.25', '0.5', '1', '2', '5', '20', 'instant'];
export const THEMES = ['light', 'dark', 'auto'];
import { optionText } from './author-options.mjs';

const MAX_TEXT = 40; // characters kept of a typed value: enough to show what was wrong
const MAX_OPTION_TEXT = 200; // lock= and hide=: every name of author-options.mjs fits

function customRows(text, where, problems) {
  let list;
  try {
    list = JSON.parse(text);
  } catch {
    problems.push(`The per-task settings ${where} could not be read (not JSON); using plain tasks.`);
    return null;
  }
  if (!Array.isArray(list)) {
    problems.push(`The per-task settings ${where} are not a list; using plain tasks.`);
    return null;
  }
  // Each entry becomes the text of its row's fields, so the form checks it like typed input.
  return list.map((entry) => {
    const row = entry !== null && typeof entry === 'object' ? entry : {};
    const text = (value) => (value === undefined || value === null ? '' : String(value).slice(0, MAX_TEXT));
    return {
      duration: text(row.duration),
      start: text(row.start),
      timeout: text(row.timeout),
      fail: row.fail === true,
      extra_release: row.extra_release === true,
    };
  });
}

/**
 * Settings from a query string. `where` names the source in messages ("in the link", or "in the
 * attributes" for the custom element).
 */
export function readSettings(search, where = 'in the link') {
  const params = new URLSearchParams(search);
  const problems = [];
  const settings = { permits: '3', tasks: '5', duration: '2', bounded: false, speed: '1', custom: null, theme: 'auto', at: null };
  for (const key of ['permits', 'tasks', 'duration']) {
    if (params.has(key)) settings[key] = params.get(key).trim().slice(0, MAX_TEXT);
  }
  if (params.has('bounded')) settings.bounded = ['', '1', 'true'].includes(params.get('bounded'));
  if (params.has('speed')) {
    const speed = params.get('speed');
    if (SPEEDS.includes(speed)) settings.speed = speed;
    else problems.push(`Speed "${speed.slice(0, 20)}" ${where} is not one of ${SPEEDS.join(', ')}; using 1.`);
  }
  if (params.has('theme')) {
    const theme = params.get('theme');
    if (THEMES.includes(theme)) settings.theme = theme;
    else problems.push(`Theme "${theme.slice(0, 20)}" ${where} is not one of ${THEMES.join(', ')}; using auto.`);
  }
  for (const key of ['predict', 'compare']) settings[key] = params.has(key) ? params.get(key).slice(0, MAX_TEXT) : null; // checked by learn.mjs
  // An edited program (compressed, see program-link.mjs; read by app.mjs) and a lab id (web/labs.mjs).
  settings.program = params.get('program');
  settings.lab = params.has('lab') ? params.get('lab').slice(0, MAX_TEXT) : null;
  // A course's lock= and hide= (author-options.mjs reads them and words their problems), as written.
  for (const key of ['lock', 'hide']) settings[key] = params.has(key) ? params.get(key).slice(0, MAX_OPTION_TEXT) : null;
  if (params.has('custom')) settings.custom = customRows(params.get('custom'), where, problems);
  if (params.has('at')) {
    const at = params.get('at');
    if (/^\d{1,8}$/.test(at)) settings.at = Number(at);
    else problems.push(`Event "${at.slice(0, 20)}" ${where} is not an event number; starting at the beginning.`);
  }
  return { settings, problems, embed: params.has('embed') };
}

/** The query string for `settings` (the form's text; custom rows as a JSON list of numbers). */
export function writeSettings(settings, { embed = false, at = null } = {}) {
  const params = new URLSearchParams();
  params.set('permits', settings.permits);
  params.set('tasks', settings.tasks);
  params.set('duration', settings.duration);
  if (settings.bounded) params.set('bounded', '1');
  if (settings.speed !== '1') params.set('speed', settings.speed);
  if (settings.custom) params.set('custom', JSON.stringify(settings.custom.map(compactRow)));
  if (settings.theme && settings.theme !== 'auto') params.set('theme', settings.theme);
  for (const key of ['predict', 'compare']) if (settings[key]) params.set(key, settings[key]);
  if (settings.lab) params.set('lab', settings.lab);
  if (settings.program) params.set('program', settings.program);
  if (at !== null) params.set('at', String(at));
  if (embed) params.set('embed', '');
  // A course's lock= and hide= (kept where the course set them: the address bar), names between commas.
  let query = params.toString();
  for (const key of ['lock', 'hide'])
    if (settings[key] !== null && settings[key] !== undefined) query += `&${key}=${optionText(settings[key])}`;
  return `?${query}`;
}

function compactRow(row) {
  const out = {};
  for (const key of ['duration', 'start', 'timeout']) {
    if (row[key] === '' || row[key] === undefined) continue;
    const n = Number(row[key]);
    out[key] = Number.isFinite(n) && String(row[key]).trim() !== '' ? n : row[key];
  }
  if (row.fail) out.fail = true;
  if (row.extra_release) out.extra_release = true;
  return out;
}
