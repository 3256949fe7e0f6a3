// Epicenter's web pages, the shared core: language, helpers, times, the API, live updates.
// Plain JavaScript over the public JSON API and the event stream, in a few files loaded in order
// (strings, core, charts, one file per page, start). Text always goes in through textContent (never innerHTML).
'use strict';

const LANG = document.documentElement.lang === 'ar' ? 'ar' : 'en';
// Arabic pages use Western Arabic digits (0-9): what Gulf and Egyptian apps and news sites mostly use
// for counts and times, and what keeps numbers in charts and tables aligned in both languages.
const LOCALE = LANG === 'ar' ? 'ar-u-nu-latn' : 'en';

// ---------- small helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const number = new Intl.NumberFormat(LOCALE);
const fmt = n => number.format(n);
const PLURAL = new Intl.PluralRules(LANG);
/**
 * A count with its noun in the page's language. Arabic has six forms (Intl.PluralRules: zero, one,
 * two, few for 3-10, many for 11-99, other for 100 and up): لا بلاغات، بلاغ واحد، بلاغان، 3 بلاغات،
 * 11 بلاغًا، 100 بلاغ. {@code forms} maps each category to a template where {n} is the number.
 */
function counted(k, forms) {
  const form = forms[PLURAL.select(k)] || forms.other;
  return form.replace('{n}', fmt(k));
}
/** The list separator of the page's language: "، " in Arabic, ", " in English. */
const SEP = LANG === 'ar' ? '، ' : ', ';
const clockOnly = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const dayClockOnly = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
/** The visitor's time zone as "UTC+3" (or "UTC+5:30", "UTC"): shown next to times, since phones have no hover. */
const ZONE = (() => {
  const off = -new Date().getTimezoneOffset();
  if (off === 0) return 'UTC';
  const a = Math.abs(off);
  return `UTC${off > 0 ? '+' : '−'}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
})();

// A time with its zone in a first-strong isolate: "09:26 AM UTC+3" reads left to right, "09:26 ص UTC+3"
// right to left, and neither is reordered by the sentence around it.
const zoned = f => ({ format: d => `\u2068${f.format(d)} ${ZONE}\u2069` });
const clock = zoned(clockOnly);
const dayClock = zoned(dayClockOnly);

/** A time in the visitor's zone, with the UTC time on hover. */
function time(iso, withDay) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return h('time', { datetime: iso, title: d.toISOString().replace('.000Z', 'Z') + ' UTC',
    text: (withDay && !today ? dayClock : clock).format(d) });
}

// An incident the probes or the official page found while nobody reported has no report counts to show.
const probesOnly = i => (i.signals || []).length > 0 && i.signals.every(x => x === 'probes');
const officialOnly = i => (i.signals || []).length > 0 && i.signals.every(x => x === 'official');
const noReports = i => probesOnly(i) || officialOnly(i);

/** A link from a status feed, only when it is plain http(s): a feed must not smuggle javascript: into a page. */
const safeHref = url => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null);

/** "Officially acknowledged at 11:48, 28 minutes after Epicenter confirmed it", or null. */
function acknowledgement(i) {
  if (!i.official) return null;
  return h('span', { class: 'ack' }, T.acknowledged(clock.format(new Date(i.official.acknowledged)), Math.round(i.official.lagSeconds / 60)));
}

/**
 * A catalog entry's name in the page's language. On Arabic pages a name written in Latin letters
 * (stc, AWS, bet365) is isolated (U+2068 … U+2069, what <bdi> does for markup), so the sentence
 * around it keeps its order.
 */
const nameOf = entry => {
  const name = (entry && entry.name && (entry.name[LANG] || entry.name.en)) || (entry && entry.id) || '';
  return LANG === 'ar' && /[A-Za-z]/.test(name) ? `\u2068${name}\u2069` : name;
};

// After a change (a live event, the visitor's own report) the API's few seconds of caching must not
// show the old answer: those fetches go to the server.
let fresh = false;

async function api(path, options) {
  const r = await fetch(path, Object.assign(fresh ? { cache: 'no-cache' } : {}, options || {}));
  if (!r.ok && r.status !== 404) throw new Error(`${path}: HTTP ${r.status}`);
  return { status: r.status, body: await r.json() };
}

function statusText(status) {
  return status === 'problems' ? T.statusProblems : status === 'suspected' ? T.statusSuspected
    : status === 'recovering' ? T.statusRecovering : T.statusOk;
}

function badge(status) {
  return h('span', { class: `badge ${status}`, text: statusText(status) });
}

/** A line chart of per-minute counts. */
function sparkline(counts) {
  const n = counts.length;
  const max = Math.max(1, ...counts);
  const points = counts.map((c, i) => `${(i / Math.max(1, n - 1)) * 100},${30 - (c / max) * 28}`).join(' ');
  return s('svg', { class: 'spark', viewBox: '0 0 100 30', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    s('polyline', { points, fill: 'none', 'vector-effect': 'non-scaling-stroke' }));
}

// ---------- live updates ----------

/** How often a page reloads what it shows even when no event came: a chart must not go stale on a quiet day. */
const REFRESH_MS = 60000;

function live(onChange) {
  let pending = null;
  const changed = () => {
    fresh = true;
    clearTimeout(pending);
    pending = setTimeout(onChange, 300);
  };
  setInterval(() => { if (document.visibilityState === 'visible') changed(); }, REFRESH_MS);
  if (!('EventSource' in window)) return;
  const source = new EventSource('/api/v1/events');
  for (const type of ['incident.opened', 'incident.confirmed', 'incident.updated', 'incident.resolved', 'incident.dropped', 'service.status',
    'probe.status', 'probe.backup', 'probe.backup.cleared', 'official.status', 'official.unreachable', 'official.reachable',
    'incident.acknowledged', 'cause.opened', 'cause.updated', 'cause.resolved', 'social.posts']) {
    source.addEventListener(type, changed);
  }
  // A stream that comes back (a network blip, or the server letting a stalled viewer go) may have
  // missed changes: reload what the page shows.
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) changed();
    opened = true;
  });
  window.addEventListener('pagehide', () => source.close());
}

// ---------- shared by several pages ----------

function incidentHref(i) {
  return `/i/${i.service}/${i.start}`;
}

/** Minutes between the first and the last onset of these incidents. */
function onsetSpread(incidents) {
  const t = incidents.map(i => new Date(i.start).getTime());
  return t.length ? Math.round((Math.max(...t) - Math.min(...t)) / 60000) : 0;
}

/** The engine's own wording (tails, multiples, English), kept for engineers behind a disclosure. */
function engineers(text) {
  return text ? h('details', { class: 'engineers' }, h('summary', { text: T.engineers }), h('p', { class: 'muted', lang: 'en', dir: 'ltr', text })) : null;
}

/** Draws a page now and again on every change, keeping the disclosures the visitor opened. */
async function livePage(main, draw) {
  const again = async () => {
    const open = [...main.querySelectorAll('details')].map(d => d.open);
    await draw();
    main.querySelectorAll('details').forEach((d, n) => { if (open[n]) d.open = true; });
  };
  await draw();
  live(again);
}
