// What a course author can fix and what they can leave out (issue #14): `lock` and `hide`, as a
// widget's attributes (lock="program knobs", hide="timeline board") and as the page's URL options
// (?lock=program,knobs&hide=timeline,board). The names, the visible reasons and every message about
// them are here, once; README "Embedding in a course page" lists the same names.

import { quote } from '../contract.mjs';

/** What can be locked: the program (no editing) and the knobs (Permits, Tasks, Duration, Bounded, each task). */
export const LOCKS = Object.freeze(['program', 'knobs']);

/**
 * The views that can be hidden, by the names the page shows: the Log, its Summary, the Permit board,
 * the Timeline, The program, and in "Compare and save": Compare permit counts, the downloads, the labs.
 */
export const VIEWS = Object.freeze(['log', 'summary', 'board', 'timeline', 'program', 'compare', 'downloads', 'labs']);

/** The visible reasons beside what is locked. */
export const LOCKED_TEXT = Object.freeze({
  knobs: 'Set by the course: Permits, Tasks, Duration, Bounded and each task’s settings cannot be changed here.',
  program: 'Set by the course: the program cannot be edited here.',
});

const MAX_NAMES = 20; // names read from one value: more is not a list of views
const shown = (name) => quote(name.length > 20 ? `${name.slice(0, 20)}…` : name);

/**
 * The names in `text` (separated by spaces or commas, any case) that are among `allowed`, and a
 * one-line problem naming `option`, the unknown names and what is allowed (null when all are known).
 * `where` names the source: "in the link", "in the attributes".
 */
export function readNames(option, text, allowed, where) {
  if (text === null || text === undefined) return { names: [], problem: null };
  const words = String(text)
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, MAX_NAMES);
  const names = [];
  const unknown = [];
  for (const word of words) {
    const name = word.toLowerCase();
    if (allowed.includes(name)) {
      if (!names.includes(name)) names.push(name);
    } else if (!unknown.includes(word)) unknown.push(word);
  }
  if (!unknown.length) return { names, problem: null };
  const what = unknown.map(shown).join(', ');
  const verb = unknown.length === 1 ? 'is not one of' : 'are not among';
  return {
    names,
    problem: `${option}: ${what} ${where} ${verb} ${allowed.join(', ')}; ${unknown.length === 1 ? 'it is' : 'they are'} ignored.`,
  };
}

/** `lock` and `hide` (text as written, or null) read together: { lock, hide, problems }. */
export function readAuthorOptions({ lock = null, hide = null }, where = 'in the link') {
  const locks = readNames('lock', lock, LOCKS, where);
  const hides = readNames('hide', hide, VIEWS, where);
  return { lock: locks.names, hide: hides.names, problems: [locks.problem, hides.problem].filter(Boolean) };
}

/** A lock= or hide= value for a link, commas between names (text as written is kept as written). */
export function optionText(text) {
  return encodeURIComponent(String(text)).replace(/%2C/gi, ',').replace(/%20/g, '+');
}
