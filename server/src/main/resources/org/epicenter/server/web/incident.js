// Epicenter's web pages: an incident page.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- incident page ----------

async function incident(main, key) {
  await livePage(main, () => incidentOnce(main, key));
}

async function incidentOnce(main, key) {
  const [id, start] = key.split('/');
  const [one, list, all] = await Promise.all([api(`/api/v1/services/${id}`), api('/api/v1/incidents'), api('/api/v1/services')]);
  const i = list.body.incidents.find(x => x.service === id && x.start === start);
  if (one.status === 404 || !i) {
    main.replaceChildren(h('h1', { text: T.noSuchIncident }));
    return;
  }
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(one.body);
  document.title = `${name} · ${T.incident} · Epicenter`;
  const from = new Date(i.start).getTime() - 30 * 60000;
  const to = i.end ? new Date(i.end).getTime() + 30 * 60000 : Date.now();
  const hours = Math.min(168, Math.ceil((Date.now() - from) / 3600000));
  const series = (await api(`/api/v1/services/${id}/reports?hours=${hours}`)).body;
  const first = new Date(series.from).getTime();
  const a = Math.max(0, Math.floor((from - first) / 60000));
  const b = Math.min(series.counts.length, Math.ceil((to - first) / 60000));
  const cut = arr => (arr ? arr.slice(a, b) : arr);
  const span = Object.assign({}, series, { counts: cut(series.counts), baseline: cut(series.baseline), upperBand: cut(series.upperBand),
    from: new Date(first + a * 60000).toISOString(), to: new Date(first + b * 60000).toISOString() });
  const overlaps = x => x !== i && new Date(x.start) < (i.end ? new Date(i.end) : new Date(8.64e15))
    && (!x.end || new Date(x.end) > new Date(i.start));
  const related = list.body.incidents.filter(overlaps);
  const providers = new Set((one.body.dependsOn || []).map(d => d.id));
  const cause = i.epicenter ? (await api('/api/v1/causes')).body.causes.find(c => c.provider === i.epicenter.provider
    && new Date(c.start) <= new Date(i.start) && (!c.end || new Date(c.end) >= new Date(i.start))) : null;
  main.replaceChildren(
    h('h1', { id: 'headline', text: T.incidentHeadline(name) }),
    h('p', { class: 'status-line', id: 'incident-state' }, h('span', { class: 'state', text: i.end ? T.resolved : i.phase === 'recovering' ? T.statusRecovering : T.ongoing }), ' · ', time(i.start, true),
      i.end ? ['–', time(i.end, true)] : null, ' · ', h('span', { text: `${T.confirmed} ` }), i.confirmed ? time(i.confirmed, true) : '–'),
    h('section', {}, h('h2', { text: T.timeline }), b > a ? chart(rebucket(span, [1, 5, 15, 60].find(k => (b - a) / k <= 180) || 60),
      Math.min(main.clientWidth || 720, 960), true) : h('p', { text: T.tooOld })),
    h('section', {}, h('h2', { text: T.scope }),
      h('p', { text: `${i.scope === 'regional' ? T.regional : T.global}: ${i.countries.filter(c => c !== 'ZZ').slice(0, 8).map(countryName).join(SEP)}` })),
    i.epicenter ? h('section', { id: 'epicenter' }, h('h2', { text: T.likelyEpicenter }),
      h('p', {}, h('a', { href: cause ? `/c/${cause.provider}/${cause.start}` : `/s/${i.epicenter.provider}`, text: nameOf(byId.get(i.epicenter.provider)) || i.epicenter.provider }),
        ` (${T.confidence(Math.round(i.epicenter.confidence * 100))})`),
      cause ? engineers(cause.explanation) : null) : null,
    h('section', {}, h('h2', { text: T.evidence }),
      h('p', { id: 'signals', text: `${T.signals}: ${(i.signals || ['reports']).map(x => T.signalNames[x] || x).join(SEP)}` }),
      i.official ? h('p', { id: 'acknowledged' }, acknowledgement(i), safeHref(i.official.link) ? [' · ', h('a', { href: safeHref(i.official.link), rel: 'noopener', lang: 'en', dir: 'auto', text: i.official.title })] : null)
        : officialOnly(i) ? null : h('p', { id: 'acknowledged', class: 'muted', text: T.notAcknowledged }),
      i.duringMaintenance ? h('p', { class: 'maintenance', text: `${T.duringMaintenance}. ${T.maintenanceNote}` }) : null,
      noReports(i) ? h('p', { id: 'evidence', text: officialOnly(i) ? T.foundOfficially : T.foundByProbes })
        : h('p', { id: 'evidence', text: T.plainPeak(i.peakPerMinute, fmt(Math.round(i.peakPerMinute / Math.max(i.baselinePerMinute, 0.5))),
          fmt(Math.round(i.baselinePerMinute * 10) / 10)) }),
      engineers(i.evidence)),
    h('section', {}, h('h2', { text: T.problemsDuring }), bars(i.problems, p => PROBLEMS[p] || p)),
    h('section', {}, h('h2', { text: T.related }),
      related.length ? h('ul', { class: 'incident-list', id: 'related' }, related.map(x => h('li', {},
        h('a', { href: incidentHref(x), text: nameOf(byId.get(x.service)) || x.service }), ' · ', time(x.start, true),
        (byId.get(x.service)?.dependsOn || []).some(d => providers.has(d.id)) ? h('span', { class: 'shared', text: ` · ${T.sharedProvider}` }) : null)))
        : h('p', { text: T.noRelated })),
    h('p', {}, h('a', { href: `/api/v1/incidents/${id}/${i.start}/report?format=md`, id: 'incident-report', text: T.incidentReportLink }), ' · ',
      h('a', { href: `/s/${id}`, text: T.backTo(name) })));
  main.dataset.loaded = String(Date.now());
}
