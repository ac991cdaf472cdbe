// The host snippet from the README: size the frame to the height the playground posts.
window.frameHeights = [];
window.addEventListener('message', (event) => {
  if (event.data?.source !== 'semaphore-playground' || event.data.type !== 'resize') return;
  window.frameHeights.push(event.data.height);
  document.querySelector('iframe').style.height = `${event.data.height}px`;
});
