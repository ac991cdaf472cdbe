// Drawing belongs in animation frames: however often a view is told that something changed, it
// redraws at most once per frame. Returns the "something changed" function.
export function onNextFrame(draw) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };
}
