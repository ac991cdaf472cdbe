// <semaphore-playground permits="2" tasks="6" duration="1">: the playground in a course page, from one
// script include. Each element has its own shadow DOM, runtime instance and run, so several can live
// on one page and one failing cannot break the others.
//
//   <script type="module" src="/path/to/web/widget.mjs"></script>
//   <semaphore-playground permits="2" tasks="6" duration="1" speed="2" theme="dark"></semaphore-playground>
//
// Attributes (live: changing one updates the form, like typing; a run on show keeps running and the
// change applies on the next Run): permits, tasks, duration, bounded (present = BoundedSemaphore),
// speed (0.25 .. 20 or "instant"), theme (light, dark, auto), label (names the widget's landmarks);
// predict (a question id: "Predict first" with that question for the next Run; removed: no question);
// lock ("program", "knobs" or both: the learner cannot edit the program, or change the knobs) and hide
// (views not drawn: log summary board timeline program compare downloads labs; see
// ui/author-options.mjs); lab (a lab id of web/labs.mjs, read when the element mounts: the lab opens,
// its program in the editor).
// The element dispatches 'semaphore-playground:events', ':state', ':done', ':prediction' and ':lab-complete' (bubbling,
// composed) with the details in event.detail. Removing it stops its run and frees the run's memory.

import { mountPlayground } from './ui/app.mjs';
import { PLAYGROUND_MARKUP } from './ui/markup.mjs';
import { readSettings } from './ui/url-state.mjs';

const STYLES = new URL('./ui/styles.css', import.meta.url).href;
const SETTINGS = ['permits', 'tasks', 'duration', 'bounded', 'speed'];
let instances = 0;

class SemaphorePlaygroundElement extends HTMLElement {
  static observedAttributes = [...SETTINGS, 'theme', 'label', 'predict', 'lock', 'hide'];
  #playground = null;
  #number = ++instances;

  connectedCallback() {
    if (this.#playground) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLES;
    const frame = document.createElement('div');
    frame.className = 'embed';
    const main = document.createElement('div');
    main.id = 'playground';
    main.className = 'playground';
    main.innerHTML = PLAYGROUND_MARKUP; // static markup, no attribute values
    frame.append(main);
    shadow.replaceChildren(link, frame);
    shadow.getElementById('theme').hidden = true;
    this.#applyTheme();
    this.#name(shadow);
    const { settings, problems } = this.#settings();
    try {
      this.#playground = mountPlayground(shadow, {
        settings,
        problems,
        where: 'in the attributes',
        onRunEvent: (message) => {
          this.dispatchEvent(new CustomEvent(`semaphore-playground:${message.type}`, { detail: message, bubbles: true, composed: true }));
        },
      });
      this.dataset.ready = 'true';
    } catch (error) {
      const note = document.createElement('p');
      note.className = 'banner';
      note.setAttribute('role', 'alert');
      note.textContent = `This playground could not start: ${error.message}`;
      shadow.append(note);
    }
  }

  /** Removed from the page: stop the run and free its memory (a re-insertion mounts afresh). */
  disconnectedCallback() {
    this.#playground?.dispose();
    this.#playground = null;
    delete this.dataset.ready;
    this.dataset.state = 'removed';
  }

  attributeChangedCallback(name) {
    if (!this.#playground) return;
    if (name === 'theme') this.#applyTheme();
    else if (name === 'label') this.#name(this.shadowRoot);
    else if (name === 'predict') this.#playground.setPredict(this.getAttribute('predict'));
    else if (name === 'lock' || name === 'hide')
      this.#playground.setAuthorOptions({ lock: this.getAttribute('lock'), hide: this.getAttribute('hide') });
    else this.#playground.applySettings(this.#settings().settings);
  }

  // Attributes are read exactly like the page's URL: bad values are kept in their field and named.
  #settings() {
    const params = new URLSearchParams();
    for (const name of ['permits', 'tasks', 'duration', 'speed']) {
      if (this.hasAttribute(name)) params.set(name, this.getAttribute(name));
    }
    if (this.hasAttribute('bounded') && this.getAttribute('bounded') !== 'false') params.set('bounded', '1');
    for (const name of ['predict', 'lock', 'hide']) if (this.hasAttribute(name)) params.set(name, this.getAttribute(name));
    if (this.hasAttribute('lab')) params.set('lab', this.getAttribute('lab')); // read once, at mount: opens that lab
    return readSettings(`?${params}`, 'in the attributes');
  }

  #applyTheme() {
    const theme = this.getAttribute('theme');
    const dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    this.dataset.theme = dark ? 'dark' : 'light';
    this.#playground?.refresh();
  }

  /** Landmarks need unique names when several playgrounds share a page. */
  #name(shadow) {
    const title = shadow.getElementById('title');
    title.textContent = this.getAttribute('label') ?? `Semaphore playground ${this.#number}`;
    for (const section of shadow.querySelectorAll('section[aria-labelledby]')) {
      const heading = section.querySelector('h2');
      section.setAttribute('aria-labelledby', `title ${heading.id}`);
    }
    shadow.getElementById('controls').setAttribute('aria-label', `${title.textContent}: settings and playback`);
  }
}

if (!customElements.get('semaphore-playground')) customElements.define('semaphore-playground', SemaphorePlaygroundElement);
