// Epicenter's web pages: the home page.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- home ----------

/**
 * A name folded for search: Latin case, Arabic diacritics and tatweel, the forms of alef, hamza on
 * waw and ya, ta marbuta, alef maqsura, the article, and the letters Arabic writers use for a hard
 * "g" (ق غ گ ج), spaces and dashes. «واتس اب», «الواتساب», «انستقرام» and «انستغرام» then find
 * WhatsApp and Instagram.
 */
function fold(text) {
  return (text || '').toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/ؤ/g, 'و').replace(/ئ/g, 'ي').replace(/ى/g, 'ي').replace(/ة/g, 'ه')
    .replace(/[قگج]/g, 'غ')
    .replace(/(^|[\s\-])ال/g, '$1')
    .replace(/[\s\-_.]+/g, '');
}

async function home(main) {
  document.title = `${T.homeTitle} · Epicenter`;
  const problems = h('section', { class: 'problems', 'aria-labelledby': 'problems-h' });
  const searchBox = h('input', { type: 'search', id: 'search', placeholder: T.search, 'aria-label': T.search, autocomplete: 'off' });
  const categorySelect = h('select', { id: 'category', 'aria-label': T.category }, h('option', { value: '', text: T.allCategories }));
  const list = h('ul', { class: 'services', id: 'services' });
  const more = h('button', { type: 'button', class: 'more', text: T.showAll });
  const incidents = h('section', { class: 'incidents', 'aria-labelledby': 'incidents-h' });
  const none = h('p', { id: 'no-match', role: 'status', hidden: true });
  // search comes first (on a phone above all): while a query is typed, its results take the
  // place of the problems list, right under the box
  main.replaceChildren(
    h('h1', { text: T.homeTitle }),
    h('div', { class: 'filters' }, searchBox, categorySelect),
    problems,
    h('section', { class: 'catalog', 'aria-labelledby': 'services-h' },
      h('h2', { id: 'services-h', text: T.services }),
      none, list, more),
    incidents);

  let services = [];
  let showAll = false;
  const sparks = new Map();

  function renderList() {
    const typed = searchBox.value.trim();
    const q = fold(typed);
    const cat = categorySelect.value;
    const shown = services.filter(e => (!cat || e.category === cat)
      && (!q || fold(e.id).includes(q) || fold(e.name.en).includes(q) || fold(e.name.ar).includes(q)));
    problems.hidden = q.length > 0; // a query that folds to nothing («ال», ".") is no query
    none.hidden = shown.length > 0;
    none.textContent = shown.length ? '' : T.noMatch(typed);
    const limited = showAll || q || cat ? shown : shown.slice(0, 24);
    more.hidden = limited.length === shown.length;
    list.replaceChildren(...limited.map(e => h('li', { class: `service ${e.status}` },
      h('a', { href: `/s/${e.id}` }, h('span', { class: 'name', text: nameOf(e) })),
      h('span', { class: 'meta' }, h('span', { class: 'cat', text: CATEGORIES[e.category] || e.category }), ' · ',
        h('span', { class: 'count', text: T.reportsLastHour(e.reports.last60Minutes) })),
      e.status !== 'ok' ? badge(e.status) : null)));
  }

  async function sparkFor(id) {
    if (!sparks.has(id)) {
      const r = await api(`/api/v1/services/${id}/reports?hours=1`);
      sparks.set(id, r.body.counts);
    }
    return sparkline(sparks.get(id));
  }

  async function renderProblems() {
    // the crowd's problems, and services the probes find down while nobody reports
    const officialDown = e => e.official && (e.official.status === 'major_outage' || e.official.status === 'partial_outage');
    const down = services.filter(e => e.status !== 'ok' || e.probeStatus === 'down' || officialDown(e))
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'problems' ? -1 : 1) || b.reports.last5Minutes - a.reports.last5Minutes);
    const items = await Promise.all(down.map(async e => h('li', { class: `problem ${e.status}` },
      h('a', { href: `/s/${e.id}` }, h('span', { class: 'name', text: nameOf(e) })),
      e.status !== 'ok' ? badge(e.status) : e.probeStatus === 'down' ? h('span', { class: 'probe-down', text: T.probeLine(T.probeStates.down) })
        : h('span', { class: `official-${e.official.status}`, text: T.officialLine(T.officialStates[e.official.status]) }),
      e.statusSince || (officialDown(e) && e.official.since) ? h('span', { class: 'since' }, `${T.since} `, time(e.statusSince || e.official.since)) : null,
      await sparkFor(e.id))));
    const causes = (await api('/api/v1/causes?state=open')).body.causes;
    const banner = causes.map(c => h('p', { class: 'epicenter', 'data-provider': c.provider },
      h('a', { href: `/c/${c.provider}/${c.start}`, text: T.epicenterLine(nameOf(c) || c.provider, c.dependents.length) }), ': ',
      c.dependents.map(d => nameOf(services.find(e => e.id === d)) || d).join(SEP),
      ` (${T.confidence(Math.round(c.confidence * 100))})`));
    problems.replaceChildren(h('h2', { id: 'problems-h', text: T.problemsNow }), ...banner,
      items.length ? h('ul', { class: 'problem-list', id: 'problem-list' }, items) : h('p', { class: 'calm', text: T.noProblems }));
  }

  async function renderIncidents() {
    const r = await api('/api/v1/incidents');
    const byId = new Map(services.map(e => [e.id, e]));
    const rows = r.body.incidents.slice(0, 12).map(i => h('li', { class: i.end ? 'resolved' : 'ongoing' },
      h('a', { href: incidentHref(i) }, h('span', { class: 'name', text: nameOf(byId.get(i.service)) || i.service })),
      ' ', h('span', { class: 'state', text: i.end ? T.resolved : T.ongoing }), ' · ', time(i.start, true),
      i.end ? ['–', time(i.end, true)] : null, ' · ',
      noReports(i) ? h('span', { text: officialOnly(i) ? T.foundOfficially : T.foundByProbes }) : h('span', { text: `${T.peak} ${fmt(i.peakPerMinute)}${T.perMinute}` }),
      i.scope === 'regional' && i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries[0]}` }) : null));
    incidents.replaceChildren(h('h2', { id: 'incidents-h', text: T.incidents }),
      rows.length ? h('ul', { class: 'incident-list' }, rows) : h('p', { text: T.noIncidents }));
  }

  async function load() {
    const r = await api('/api/v1/services');
    services = r.body.services;
    const cats = [...new Set(services.map(e => e.category))].sort((a, b) =>
      (CATEGORIES[a] || a).localeCompare(CATEGORIES[b] || b, LOCALE));
    if (categorySelect.options.length === 1) {
      categorySelect.append(...cats.map(c => h('option', { value: c, text: CATEGORIES[c] || c })));
    }
    sparks.clear();
    renderList();
    await Promise.all([renderProblems(), renderIncidents()]);
    main.dataset.loaded = String(Date.now());
  }

  searchBox.addEventListener('input', renderList);
  categorySelect.addEventListener('change', renderList);
  more.addEventListener('click', () => { showAll = true; renderList(); });
  await load();
  live(load);
}
