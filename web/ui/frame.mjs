// Drawing belongs in animation frames: however often a view is told that something changed, it
// redraws at most once per frame. Returns the "something changed" function.
//
// One animation frame callback runs every view due, canvases first: a canvas that draws text needs
// the page's styles up to date, and after the other views have changed the page in the same frame
// the browser would recompute them right there, in the middle of the frame, and once more to render.

const due = { canvas: [], page: [] };
let requested = false;

function drawAll() {
  requested = false;
  const draws = [...due.canvas, ...due.page];
  due.canvas = [];
  due.page = [];
  for (const draw of draws) {
    try {
      draw();
    } catch (error) {
      // As separate callbacks did: one view's failure is reported and the others still draw.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

/** `canvas`: the view draws on a canvas (drawn before the views that change the page). */
export function onNextFrame(draw, { canvas = false } = {}) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    due[canvas ? 'canvas' : 'page'].push(() => {
      scheduled = false;
      draw();
    });
    if (!requested) {
      requested = true;
      requestAnimationFrame(drawAll);
    }
  };
}
