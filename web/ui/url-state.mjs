// Settings <-> the page URL, so a link reopens exactly what was shared. Nothing from the URL is ever
// rendered as HTML; bad values fall back to the defaults, with a message, and the rest is kept.

const SPEEDS = ['0.25', '0.5', '1', '2', '5', '20', 'instant'];

/**
 * Settings from a query string. `where` names the source in messages ("in the link", or "in the
 * attributes" for the custom element, which reads its attributes the same way).
 */
export function readSettings(search, where = 'in the link') {
  const params = new URLSearchParams(search);
  const problems = [];
  const settings = { permits: '3', tasks: '5', duration: '2', bounded: false, speed: '1', custom: null };
  for (const key of ['permits', 'tasks', 'duration']) {
    if (!params.has(key)) continue;
    const value = params.get(key).trim().slice(0, 32);
    // A number field cannot hold anything else: say so, keep the default, keep every other setting.
    if (value === '' || Number.isNaN(Number(value))) {
      problems.push(`${key} "${value.slice(0, 24)}" ${where} is not a number; using ${settings[key]}.`);
    } else {
      settings[key] = value;
    }
  }
  if (params.has('bounded')) settings.bounded = params.get('bounded') === '1' || params.get('bounded') === 'true';
  if (params.has('speed')) {
    const speed = params.get('speed');
    if (SPEEDS.includes(speed)) settings.speed = speed;
    else problems.push(`speed "${speed.slice(0, 20)}" ${where} is not one of ${SPEEDS.join(', ')}; using 1.`);
  }
  if (params.has('custom')) {
    try {
      const list = JSON.parse(params.get('custom'));
      if (!Array.isArray(list)) throw new Error('not a list');
      settings.custom = list;
    } catch {
      problems.push(`the per-task settings ${where} could not be read; using plain tasks.`);
    }
  }
  return { settings, problems, embed: params.has('embed') };
}

export function writeSettings(settings, embed) {
  const params = new URLSearchParams();
  params.set('permits', settings.permits);
  params.set('tasks', settings.tasks);
  params.set('duration', settings.duration);
  if (settings.bounded) params.set('bounded', '1');
  if (settings.speed !== '1') params.set('speed', settings.speed);
  if (settings.custom) params.set('custom', JSON.stringify(settings.custom));
  if (embed) params.set('embed', '');
  return `?${params.toString()}`;
}

export const SPEED_CHOICES = SPEEDS;
