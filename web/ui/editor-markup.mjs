// Markup of the program editor and of an open lab (issues #13, #14), put into the code panel by
// markup.mjs. Static strings: the lab's texts and the program are filled in with textContent or by
// the editor, never as HTML.

import { LOCKED_TEXT } from './author-options.mjs';

export const EDITOR_MARKUP = `
    <div class="program-tools buttons">
      <button type="button" id="edit-program" aria-controls="program-editor">Edit the program</button>
      <button type="button" id="reset-program" hidden>Reset program</button>
      <button type="button" id="share-program" hidden>Copy link to this program</button>
    </div>
    <p id="program-locked" class="locked-note" hidden>${LOCKED_TEXT.program}</p>
    <p id="share-status" class="help share-status" role="status"></p>
    <div id="program-editor" class="program-editor" hidden>
      <p id="editor-label" class="editor-label">Python program (editable; Ctrl/⌘+Enter runs it; Tab indents, Esc then Tab moves on)</p>
      <p id="editor-plain" class="help" hidden></p>
      <div id="editor-host" class="editor-host"></div>
      <p id="program-sync" class="help" role="status"></p>
      <p id="program-error" class="field-error program-error" role="alert"></p>
    </div>`;

export const LAB_MARKUP = `
    <div id="lab-box" class="lab-box" hidden aria-labelledby="lab-title" role="group">
      <h3 id="lab-title" tabindex="-1"></h3>
      <p id="lab-goal" class="lab-goal"></p>
      <details class="lab-hint"><summary>Hint</summary><p id="lab-hint"></p></details>
      <details class="lab-solution"><summary>A solution</summary><pre class="code" tabindex="0"><code id="lab-solution"></code></pre></details>
      <p id="lab-verdict" class="lab-verdict" role="status"></p>
    </div>`;
