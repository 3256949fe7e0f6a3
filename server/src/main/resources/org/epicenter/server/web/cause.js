// Epicenter's web pages: a common cause page.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- cause page ----------

async function causeOnce(main, key) {
  const [provider, start] = key.split('/');
  const [list, all, incidents] = await Promise.all([api('/api/v1/causes'), api('/api/v1/services'), api('/api/v1/incidents')]);
  // a cause's start moves earlier when a back-dated victim joins: the same cause still covers the linked start
  const c = list.body.causes.find(x => x.provider === provider && x.start === start)
    || list.body.causes.find(x => x.provider === provider && new Date(x.start) <= new Date(start) && (!x.end || new Date(x.end) >= new Date(start)));
  if (!c) {
    main.replaceChildren(h('h1', { text: T.noSuchCause }));
    return;
  }
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(c) || provider;
  document.title = `${name} · Epicenter`;
  const victims = incidents.body.incidents.filter(i => i.epicenter && i.epicenter.provider === provider
    && new Date(i.start) >= new Date(c.start) && (!c.end || new Date(i.start) <= new Date(c.end)));
  main.replaceChildren(
    h('h1', { id: 'headline', text: T.causeHeadline(name) }),
    h('p', { class: 'status-line' }, h('span', { class: 'state', text: c.open ? T.ongoing : T.resolved }), ' · ', time(c.start, true),
      c.end ? ['–', time(c.end, true)] : null, ' · ', T.confidence(Math.round(c.confidence * 100)), ' · ', T.reportsCount(c.reports)),
    h('section', { id: 'blast' }, h('h2', { text: T.blast }), blastTimeline(victims, byId),
      h('ul', { class: 'incident-list' }, victims.map(i => h('li', { 'data-service': i.service, class: i.end ? 'resolved' : 'ongoing' },
        h('a', { href: incidentHref(i), text: nameOf(byId.get(i.service)) || i.service }), ' · ', time(i.start, true),
        i.end ? ['–', time(i.end, true)] : null,
        i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries.filter(x => x !== 'ZZ').slice(0, 3).map(countryName).join(SEP)}` }) : null))),
      c.countries.length ? h('p', { text: `${T.affectedCountries}: ${c.countries.filter(x => x !== 'ZZ').map(countryName).join(SEP)}` }) : null),
    h('section', { id: 'why' }, h('h2', { text: T.whyThink }),
      h('p', { text: c.ownTrouble ? T.ownTrouble : T.noOwnTrouble }),
      h('p', { id: 'plain-cause', text: T.plainCause(c.dependents.length, name, onsetSpread(victims), c.chance <= 1e-3) }),
      engineers(c.explanation)),
    h('p', {}, h('a', { href: `/api/v1/causes/${provider}/${c.start}/report?format=md`, text: T.reportLink }), ' · ',
      h('a', { href: `/s/${provider}`, text: T.backTo(name) })));
  main.dataset.loaded = String(Date.now());
}

async function causePage(main, key) {
  await livePage(main, () => causeOnce(main, key));
}
