// Epicenter's web pages: charts, the blast-radius timeline and the map.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- charts and maps ----------

/**
 * The blast radius over time: one row per failing dependent, its bar from its onset to its end (or
 * now), on one time scale that runs left to right in both languages.
 */
function blastTimeline(victims, byId) {
  if (!victims.length) return null;
  const t = x => new Date(x).getTime();
  const nowMs = Date.now();
  const from = Math.min(...victims.map(i => t(i.start)));
  const to = Math.max(from + 10 * 60e3, ...victims.map(i => (i.end ? t(i.end) : Math.max(nowMs, t(i.start)))));
  const pct = x => `${(((x - from) / (to - from)) * 100).toFixed(2)}%`;
  const rows = [...victims].sort((a, b) => t(a.start) - t(b.start)).map(i => {
    const bar = h('span', { class: `span ${i.end ? 'resolved' : i.phase === 'recovering' ? 'recovering' : 'ongoing'}` });
    bar.style.left = pct(t(i.start)); // CSSOM, allowed by the CSP
    bar.style.width = `max(3px, ${pct(from + (i.end ? t(i.end) : Math.max(nowMs, t(i.start))) - t(i.start))})`;
    return h('li', { 'data-service': i.service }, h('span', { class: 'who', text: nameOf(byId.get(i.service)) || i.service }),
      h('span', { class: 'track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'when' }, time(i.start, false), i.end ? ['–', time(i.end, false)] : null));
  });
  return h('figure', { class: 'blast-time', id: 'blast-time' },
    h('ol', {}, rows),
    h('figcaption', {}, T.blastOverTime(clock.format(new Date(from)), victims.length)));
}

/** The 99.9% quantile of a Poisson count with mean l: the top of the typical range of a summed bucket. */
function poissonUpper(l) {
  if (l > 50) return Math.ceil(l + 3.09 * Math.sqrt(l));
  let k = 0;
  let p = Math.exp(-l);
  let sum = p;
  while (sum < 0.999 && k < 1000) { k++; p *= l / k; sum += p; }
  return k;
}

/** A series in buckets of k of its points (counts and expectations summed; the band recomputed for the sum). */
function rebucket(series, k) {
  if (k <= 1) return series;
  const n = Math.floor(series.counts.length / k);
  const sum = (arr, b) => arr.slice(b * k, (b + 1) * k).reduce((x, y) => x + y, 0);
  const counts = Array.from({ length: n }, (_, b) => sum(series.counts, b));
  const baseline = series.baseline ? Array.from({ length: n }, (_, b) => Math.round(sum(series.baseline, b) * 100) / 100) : null;
  return Object.assign({}, series, { counts, baseline, upperBand: baseline ? baseline.map(poissonUpper) : null,
    stepSeconds: series.stepSeconds * k, to: new Date(new Date(series.from).getTime() + n * k * series.stepSeconds * 1000).toISOString() });
}

/** A round top for the count axis, and its step: 4 or 5 gridlines at 1, 2 or 5 times a power of ten. */
function niceAxis(max) {
  const raw = Math.max(4, max) / 4;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * pow).find(v => v >= raw);
  return { top: Math.ceil(Math.max(4, max) / step) * step, step };
}

/**
 * Reports per bucket as columns, over the shaded typical range (0 up to the 99.9% band) and the
 * expected level (dashed), with a count axis, time ticks in the visitor's zone, a "now" mark, and
 * the value of the bucket under the pointer or the arrow keys. Time runs left to right in both
 * languages; the labels around it follow the page.
 */
function chart(series, width, around) {
  const W = Math.max(280, Math.round(width || 720));
  const narrow = W < 520;
  const H = narrow ? 200 : 240;
  const L = 40;
  const R = 10;
  const TOP = 14;
  const B = 26;
  const pw = W - L - R;
  const ph = H - TOP - B;
  const counts = series.counts;
  const n = counts.length;
  const step = (series.stepSeconds || 60) * 1000;
  const start = new Date(series.from).getTime();
  const band = series.upperBand || null;
  const base = series.baseline || null;
  const axis = niceAxis(Math.max(...counts, ...(band || [0])));
  const x = t => L + ((t - start) / (n * step)) * pw;
  const y = v => TOP + ph - (v / axis.top) * ph;
  const bw = pw / Math.max(1, n);
  const total = counts.reduce((a, b) => a + b, 0);
  const parts = [];
  // the count axis: gridlines and labels
  for (let v = 0; v <= axis.top; v += axis.step) {
    parts.push(s('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      s('text', { class: 'tick', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  // the typical range, as steps: from 0 up to the band, and the expected level inside it
  if (band) {
    let d = `M${L},${y(0)}`;
    band.forEach((v, i) => { d += ` L${L + i * bw},${y(v)} L${L + (i + 1) * bw},${y(v)}`; });
    parts.push(s('path', { class: 'band', d: `${d} L${L + n * bw},${y(0)} Z` }));
  }
  if (base) {
    let d = '';
    base.forEach((v, i) => { d += `${i ? ' L' : 'M'}${L + i * bw},${y(v)} L${L + (i + 1) * bw},${y(v)}`; });
    parts.push(s('path', { class: 'baseline', d }));
  }
  // announced maintenance: shaded, its reports still drawn
  const windows = (series.maintenance || []).map(m => {
    const a = Math.max(start, new Date(m.from).getTime());
    const b = Math.min(start + n * step, m.until ? new Date(m.until).getTime() : Date.now());
    return b > a ? s('rect', { class: 'maintenance-window', x: x(a), y: TOP, width: Math.max(1, x(b) - x(a)), height: ph },
      s('title', {}, `${T.maintenanceWindow}: ${m.title}`)) : null;
  }).filter(r => r !== null);
  parts.push(...windows);
  // the columns; the current bucket, still filling, is lighter
  const gap = bw > 5 ? 1 : 0;
  const nowMs = Date.now();
  counts.forEach((v, i) => {
    if (v <= 0) return;
    const partial = start + (i + 1) * step > nowMs;
    parts.push(s('rect', { class: partial ? 'col partial' : 'col', x: L + i * bw + gap / 2, y: y(v), width: Math.max(0.8, bw - gap), height: y(0) - y(v) }));
  });
  // time ticks on the clock of the visitor's zone
  const span = n * step;
  const every = span <= 2 * 3600e3 ? (narrow ? 15 : 10) * 60e3 : span <= 26 * 3600e3 ? (narrow ? 6 : 3) * 3600e3 : 86400e3;
  const offset = -new Date(start).getTimezoneOffset() * 60e3;
  const firstTick = Math.ceil((start + offset) / every) * every - offset;
  const tickFmt = every >= 86400e3 ? new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric' }) : clockOnly;
  let lastRight = -Infinity;
  for (let t = firstTick; t <= start + span; t += every) {
    const label = tickFmt.format(new Date(t));
    const wide = label.length * 6.2; // 11 px digits and letters are about 6 px wide
    const at = x(t);
    // a label near an edge is anchored to it, not cut; one that would touch the last is left out
    const [anchor, left] = at - wide / 2 < L - 30 ? ['start', at] : at + wide / 2 > W - 2 ? ['end', at - wide] : ['middle', at - wide / 2];
    parts.push(s('line', { class: 'xtick', x1: at, x2: at, y1: TOP + ph, y2: TOP + ph + 4 }));
    if (left > lastRight + 6) {
      parts.push(s('text', { class: 'tick', x: at, y: H - 8, 'text-anchor': anchor }, label));
      lastRight = left + wide;
    }
  }
  parts.push(s('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
  if (nowMs > start && nowMs <= start + span + step) {
    const nx = Math.min(W - R, x(nowMs));
    parts.push(s('line', { class: 'now', x1: nx, x2: nx, y1: TOP - 4, y2: TOP + ph }),
      s('text', { class: 'now-label', x: nx - 3, y: TOP - 4, 'text-anchor': 'end' }, T.now));
  }
  const cursor = s('rect', { class: 'cursor', x: 0, y: TOP, width: Math.max(1, bw), height: ph, visibility: 'hidden' });
  parts.push(cursor);
  const last = base && base.length ? base[base.length - 1] : 0;
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
      'aria-labelledby': 'chart-t chart-d', 'data-total': String(total), 'data-points': String(n), id: 'chart' },
    s('title', { id: 'chart-t' }, around ? T.chartAround(series.stepSeconds / 60) : T.chartOf(series.stepSeconds / 60, Math.round(span / 3600e3))),
    s('desc', { id: 'chart-d' }, around ? T.chartAroundSummary(total) : T.chartSummary(total, Math.round(span / 3600e3), fmt(Math.round(last * 10) / 10), series.stepSeconds / 60)),
    ...parts);
  const tip = h('div', { class: 'tip', hidden: true, 'aria-hidden': 'true', dir: document.documentElement.dir || 'ltr' });
  const readout = h('p', { class: 'readout', role: 'status', 'aria-live': 'polite' });
  function show(i) {
    if (i < 0 || i >= n) { cursor.setAttribute('visibility', 'hidden'); tip.hidden = true; return; }
    const from = new Date(start + i * step);
    const iso = t => `\u2068${clockOnly.format(t)}\u2069`; // each time isolated: "04:00 ص–04:15 ص" keeps its order
    const when = step > 60e3 ? `${iso(from)}–${iso(new Date(from.getTime() + step))}` : iso(from);
    const day = span > 26 * 3600e3 ? `${new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short' }).format(from)}${SEP}` : '';
    // the bucket still filling is compared with the share of its typical count that is due by now
    const due = Math.min(1, Math.max(0, (nowMs - (start + i * step)) / step));
    const text = T.tip(counts[i], `${day}${when}`, base ? fmt(Math.round(base[i] * due * 10) / 10) : null);
    cursor.setAttribute('x', L + i * bw);
    cursor.setAttribute('visibility', 'visible');
    tip.textContent = text;
    tip.hidden = false;
    // centred over the bar, kept inside the plot (CSSOM, allowed by the CSP)
    const box = plot.clientWidth || W;
    const centre = ((L + (i + 0.5) * bw) / W) * box;
    tip.style.left = `${Math.max(0, Math.min(box - tip.offsetWidth, centre - tip.offsetWidth / 2))}px`;
    readout.textContent = text;
  }
  let at = -1;
  const toIndex = ev => {
    const r = svg.getBoundingClientRect();
    return Math.floor((((ev.clientX - r.left) / r.width) * W - L) / bw);
  };
  svg.addEventListener('pointermove', ev => { at = toIndex(ev); show(at); });
  svg.addEventListener('pointerdown', ev => { at = toIndex(ev); show(at); });
  svg.addEventListener('pointerleave', ev => { if (ev.pointerType === 'mouse') show(-1); });
  const plot = h('div', { class: 'plot', tabindex: '0', role: 'group', 'aria-label': T.chartKeys }, svg, tip);
  plot.addEventListener('keydown', ev => {
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight' && ev.key !== 'Home' && ev.key !== 'End') return;
    ev.preventDefault();
    at = ev.key === 'Home' ? 0 : ev.key === 'End' ? n - 1 : Math.min(n - 1, Math.max(0, (at < 0 ? n : at) + (ev.key === 'ArrowRight' ? 1 : -1)));
    show(at);
  });
  plot.addEventListener('blur', () => show(-1));
  return h('figure', { class: 'chart-box' }, plot,
    h('figcaption', {}, h('span', { class: 'key counts-key', text: T.reports }), ' ',
      h('span', { class: 'key band-key', text: T.typical }), windows.length ? [' ', h('span', { class: 'key maintenance-key', text: T.maintenanceWindow })] : null,
      ' · ', h('span', { class: 'zone', text: T.timesIn(ZONE) })), readout);
}

/** Buckets that suit a range: 1 minute over the last hour, 15 over a day, an hour over a week. */
const RANGES = [{ id: '1h', hours: 1, bucket: 1 }, { id: '24h', hours: 24, bucket: 15 }, { id: '7d', hours: 168, bucket: 60 }];

function bars(counts, label) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return h('p', { text: T.noReports });
  const max = entries[0][1];
  return h('ul', { class: 'bars' }, entries.map(([k, v]) => {
    const bar = h('span', { class: 'bar' });
    bar.style.inlineSize = `${Math.max(2, (v / max) * 100)}%`; // CSSOM, allowed by the CSP
    return h('li', {}, h('span', { class: 'label', text: label(k) }), bar, h('span', { class: 'value', text: fmt(v) }));
  }));
}

const regionNames = (() => {
  try { return new Intl.DisplayNames([LOCALE], { type: 'region' }); } catch (e) { return null; }
})();
const countryName = c => (c === 'ZZ' ? T.unknown : (regionNames && regionNames.of(c)) || c);

let world = null;

/** A choropleth of report counts by country; countries without a shape at this scale are only in the table. */
async function countryMap(counts) {
  if (!world) {
    world = (await api(`/assets/world.json?v=${document.body.dataset.v}`)).body;
  }
  const values = Object.entries(counts || {}).filter(([c]) => c !== 'ZZ');
  const max = Math.max(1, ...values.map(([, v]) => v));
  const byCountry = new Map(values);
  const svg = s('svg', { class: 'map', viewBox: world.viewBox, role: 'img', 'aria-labelledby': 'map-t', id: 'map' },
    s('title', { id: 'map-t' }, T.mapTitle));
  for (const [code, d] of Object.entries(world.countries)) {
    const v = byCountry.get(code) || 0;
    const level = v === 0 ? 0 : 1 + Math.min(3, Math.floor((Math.log(v) / Math.log(max + 1)) * 4));
    const p = s('path', { d, class: `m${level}`, 'data-country': code });
    if (v) p.append(s('title', {}, `${countryName(code)}: ${fmt(v)}`));
    svg.append(p);
  }
  // the legend: each shade's range of reports (the shades grow on a log scale up to the top country)
  const edge = L => Math.max(1, Math.round(Math.pow(max + 1, L / 4)));
  const ranges = [[0, 0], ...[1, 2, 3, 4].map(L => [L === 1 ? 1 : edge(L - 1) + 1, L === 4 ? max : edge(L)])]
    .map(([a, b], L) => ({ L, a, b })).filter(x => x.L === 0 || values.length > 0 && x.a <= x.b && x.a <= max);
  const legend = h('ul', { class: 'map-legend', 'aria-label': T.mapLegend }, ranges.map(({ L, a, b }) =>
    h('li', {}, h('span', { class: `swatch m${L}`, 'aria-hidden': 'true' }), L === 0 ? T.legendNone : a === b ? fmt(a) : `${fmt(a)}–${fmt(b)}`)));
  return h('figure', { class: 'map-box' }, svg, legend);
}
