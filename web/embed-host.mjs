// For a course page that embeds the playground in iframes: each frame is sized to the height its
// playground posts ({source: 'semaphore-playground', type: 'resize', height}), so nothing is clipped
// and nothing scrolls twice. Include it once: <script type="module" src="/playground/web/embed-host.mjs"></script>
// (a file, not an inline script, so it works under a strict Content-Security-Policy).

window.addEventListener('message', (event) => {
  if (event.data?.source !== 'semaphore-playground' || event.data.type !== 'resize') return;
  const height = Number(event.data.height);
  if (!Number.isFinite(height) || height <= 0) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(height)}px`;
  }
});
