// <semaphore-playground permits="2" tasks="6" duration="1">: the playground in a course page, from one
// script include. Each element has its own shadow DOM, runtime instance and run, so several can live
// on one page and one failing cannot break the others.
//
//   <script type="module" src="/path/to/web/widget.mjs"></script>
//   <semaphore-playground permits="2" tasks="6" duration="1" speed="2"></semaphore-playground>
//
// Attributes: permits, tasks, duration, bounded (present = BoundedSemaphore), speed (0.25 .. 20 or
// "instant"). The element dispatches 'semaphore-playground:events', ':state' and ':done' events
// (bubbling, composed) with the details in event.detail.

import { mountPlayground } from './ui/app.mjs';
import { PLAYGROUND_MARKUP } from './ui/markup.mjs';
import { readSettings } from './ui/url-state.mjs';

const STYLES = new URL('./ui/styles.css', import.meta.url).href;

class SemaphorePlaygroundElement extends HTMLElement {
  #mounted = false;

  connectedCallback() {
    if (this.#mounted) return;
    this.#mounted = true;
    const shadow = this.attachShadow({ mode: 'open' });
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
    shadow.append(link, frame);
    this.dataset.theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    shadow.getElementById('theme').hidden = true;

    // Attributes are read exactly like the page's URL state: bad values are named, the rest is kept.
    const params = new URLSearchParams();
    for (const name of ['permits', 'tasks', 'duration', 'speed']) {
      if (this.hasAttribute(name)) params.set(name, this.getAttribute(name));
    }
    if (this.hasAttribute('bounded')) params.set('bounded', '1');
    const { settings, problems } = readSettings(`?${params}`, 'in the attributes');
    try {
      mountPlayground(shadow, {
        settings,
        problems,
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
}

if (!customElements.get('semaphore-playground')) customElements.define('semaphore-playground', SemaphorePlaygroundElement);
