// A small SVG bar chart drawn by our own code (no library, nothing fetched): one bar per category,
// a labelled value axis with round ticks, the value written above each bar, and axis titles. Colours
// come from CSS classes (styles in learn.css), so the theme applies without redrawing.

const SVG = 'http://www.w3.org/2000/svg';
const W = 280;
const H = 170;
const M = { left: 44, right: 8, top: 14, bottom: 40 };

function el(name, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** A round step so that 0..max takes 2 to 5 ticks. */
function tickStep(max) {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 2.5, 5, 10].map((k) => k * power).find((step) => max / step <= 5) ?? 10 * power;
}

const short = (v) => String(Number(v.toFixed(2)));

/**
 * An <svg role="img"> with `title` as its accessible name and the data in words as its description.
 * `bars`: [{ label, value }]; `xTitle`, `yTitle`: the axes' names (yTitle with its unit).
 */
export function barChart({ title, bars, xTitle, yTitle }) {
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const step = tickStep(max);
  const top = Math.ceil(max / step - 1e-9) * step;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v) => M.top + plotH - (v / top) * plotH;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'bar-chart' });
  svg.append(el('title', {}, `${title}: ${bars.map((b) => `${b.label} ${short(b.value)}`).join(', ')}`));
  for (let v = 0; v <= top + 1e-9; v += step) {
    svg.append(el('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(el('text', { x: M.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, short(v)));
  }
  const slot = plotW / bars.length;
  bars.forEach((bar, i) => {
    const x = M.left + i * slot + slot * 0.15;
    const h = Math.max(0, y(0) - y(bar.value));
    svg.append(el('rect', { x, y: y(0) - h, width: slot * 0.7, height: h, class: bar.className ?? 'bar' }));
    svg.append(el('text', { x: x + slot * 0.35, y: y(0) - h - 3, 'text-anchor': 'middle', class: 'value' }, short(bar.value)));
    svg.append(el('text', { x: x + slot * 0.35, y: y(0) + 14, 'text-anchor': 'middle', class: 'tick' }, bar.label));
  });
  svg.append(el('line', { x1: M.left, x2: M.left, y1: M.top, y2: y(0), class: 'axis' }));
  svg.append(el('line', { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0), class: 'axis' }));
  svg.append(el('text', { x: M.left + plotW / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title' }, xTitle));
  svg.append(
    el(
      'text',
      { x: 10, y: M.top + plotH / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 10 ${M.top + plotH / 2})` },
      yTitle,
    ),
  );
  return svg;
}
