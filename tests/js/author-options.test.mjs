// A course's lock= and hide= (web/ui/author-options.mjs, issue #14): names separated by spaces or
// commas, unknown ones named in one line with what is allowed and ignored, never thrown; the page's
// link keeps them as written, between commas, and reads them back the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { LOCKS, VIEWS, readAuthorOptions, readNames } from '../../web/ui/author-options.mjs';
import { readSettings, writeSettings } from '../../web/ui/url-state.mjs';
import { PLAYGROUND_MARKUP } from '../../web/ui/markup.mjs';

test('lock and hide: spaces or commas, any case, each name once; nothing given is nothing locked or hidden', () => {
  assert.deepEqual(readAuthorOptions({ lock: 'program knobs', hide: 'timeline,board' }), {
    lock: ['program', 'knobs'],
    hide: ['timeline', 'board'],
    problems: [],
  });
  assert.deepEqual(readAuthorOptions({ lock: ' Knobs, ,knobs ', hide: '' }), { lock: ['knobs'], hide: [], problems: [] });
  assert.deepEqual(readAuthorOptions({}), { lock: [], hide: [], problems: [] });
  assert.deepEqual(readNames('hide', 'log\tsummary\nlabs', VIEWS, 'in the link').names, ['log', 'summary', 'labs']);
});

test('unknown names: one line naming the option, what was written, where, and what is allowed; the known ones still apply', () => {
  assert.deepEqual(readAuthorOptions({ lock: 'programs knobs' }, 'in the attributes'), {
    lock: ['knobs'],
    hide: [],
    problems: ['lock: "programs" in the attributes is not one of program, knobs; it is ignored.'],
  });
  assert.deepEqual(readAuthorOptions({ hide: 'code,log,semaphore' }).problems, [
    'hide: "code", "semaphore" in the link are not among log, summary, board, timeline, program, compare, downloads, labs; they are ignored.',
  ]);
  // What was written is quoted safely (control characters escaped) and cut short.
  const [problem] = readAuthorOptions({ hide: 'a"\u202e\u0007' + 'x'.repeat(60) }).problems;
  assert.equal(problem.split('\n').length, 1);
  assert.match(problem, /^hide: "a\\"\\u202e\\u0007x{16}…" in the link is not one of /);
  // Thousands of words are not read one by one.
  assert.equal(readNames('hide', 'x '.repeat(5000), VIEWS, 'in the link').problem.length < 200, true);
});

test('the names are the page’s: each view has its hiding rule in the styles, each lock its visible reason in the markup', () => {
  assert.deepEqual(LOCKS, ['program', 'knobs']);
  assert.deepEqual(VIEWS, ['log', 'summary', 'board', 'timeline', 'program', 'compare', 'downloads', 'labs']);
  const css = readFileSync(new URL('../../web/ui/styles.css', import.meta.url), 'utf8');
  for (const view of VIEWS) assert.ok(css.includes(`.playground[data-hide~="${view}"] `), `a rule hides ${view}`);
  for (const id of ['knobs-locked', 'program-locked']) assert.match(PLAYGROUND_MARKUP, new RegExp(`id="${id}"[^>]*hidden`));
});

test('the link: lock= and hide= read as written, written back between commas, and read again the same', () => {
  const { settings, problems } = readSettings('?permits=2&lock=program,knobs&hide=timeline+board+nope');
  assert.equal(settings.lock, 'program,knobs');
  assert.equal(settings.hide, 'timeline board nope'); // as written: the page says what is wrong, keeps the rest
  assert.deepEqual(problems, []); // worded by the playground, with its other messages (author-options.mjs)
  const query = writeSettings(settings);
  assert.match(query, /&lock=program,knobs&hide=timeline\+board\+nope$/);
  const again = readSettings(query).settings;
  assert.equal(again.lock, settings.lock);
  assert.equal(again.hide, settings.hide);
  assert.doesNotMatch(writeSettings({ ...settings, lock: null, hide: null }), /lock|hide/);
  assert.equal(readSettings('?hide=' + encodeURIComponent('a&b=c')).settings.hide, 'a&b=c');
  assert.match(writeSettings({ ...settings, hide: 'a&b=c' }), /&hide=a%26b%3Dc$/);
});
