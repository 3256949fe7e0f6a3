// Epicenter's web pages: a service or provider page.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- service and provider page ----------

/**
 * The problems people can report, in the order that suits the kind of service: a bank's customers
 * report logging in and payments, a telecom's connection and calls; "something else" is always last.
 */
const PROBLEMS_BY_CATEGORY = {
  bank: ['login', 'transfers', 'cards', 'app', 'website'], payments: ['payments', 'cards', 'transfers', 'login', 'app'],
  finance: ['login', 'transfers', 'app', 'website'], telecom: ['mobile-data', 'calls', 'home-internet', 'messaging', 'app'],
  messaging: ['messaging', 'calls', 'connection', 'login', 'app'], social: ['app', 'login', 'messaging', 'website', 'connection'],
  streaming: ['streaming', 'app', 'login', 'website', 'payments'], gaming: ['connection', 'login', 'app', 'payments'],
  ecommerce: ['website', 'app', 'payments', 'login'], delivery: ['app', 'payments', 'login', 'website'],
  email: ['messaging', 'login', 'website', 'app'], government: ['website', 'login', 'app', 'payments'],
};

// What any service can have; a category above narrows and orders the choice.
const GENERAL_PROBLEMS = ['app', 'login', 'website', 'connection', 'messaging', 'calls', 'payments', 'streaming'];

function problemsFor(category) {
  const first = PROBLEMS_BY_CATEGORY[category];
  return [...(first || GENERAL_PROBLEMS), 'other'];
}

async function service(main, id) {
  const [one, all] = await Promise.all([api(`/api/v1/services/${id}`), api('/api/v1/services')]);
  if (one.status === 404) {
    main.replaceChildren(h('h1', { text: T.notFound }));
    return;
  }
  const entry = one.body;
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(entry);
  document.title = `${name} · Epicenter`;

  const headline = h('h1', { id: 'headline' });
  const status = h('p', { class: 'status-line', id: 'status' });
  const reportArea = h('section', { class: 'report', 'aria-live': 'polite' });
  const notifyArea = h('div', { class: 'notify', id: 'notify' });
  const chartArea = h('section', { 'aria-labelledby': 'chart-h', id: 'chart-area' });
  let range = RANGES[1];
  let shown = null; // the series on the chart, drawn again when the width changes
  const chartSlot = h('div');
  const rangeButtons = RANGES.map(r => h('button', { type: 'button', class: 'range', 'data-range': r.id, 'aria-pressed': String(r === range),
    text: T.ranges[r.id], onclick: async () => {
      range = r;
      rangeButtons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.range === r.id)));
      await drawChart();
    } }));
  chartArea.append(h('h2', { id: 'chart-h', text: T.chartTitle }),
    h('div', { class: 'ranges', role: 'group', 'aria-label': T.rangeLabel }, rangeButtons), chartSlot);
  let drawing = 0;
  async function drawChart(series, live) {
    // someone reading bars (focus or a tooltip on the chart) keeps their place: a live refresh waits
    if (live && (chartSlot.contains(document.activeElement) || [...chartSlot.querySelectorAll('.tip')].some(t => !t.hidden))) return;
    const mine = ++drawing; // a slow answer for a range no longer chosen is dropped
    const wanted = range;
    const fetched = series || (await api(`/api/v1/services/${id}/reports?hours=${wanted.hours}&bucket=${wanted.bucket}`)).body;
    if (mine !== drawing || wanted !== range) return;
    shown = fetched;
    chartSlot.replaceChildren(chart(shown, chartSlot.clientWidth || chartArea.clientWidth));
  }
  let drawnWidth = 0;
  if ('ResizeObserver' in window) {
    new ResizeObserver(() => {
      const w = chartSlot.clientWidth;
      if (shown && Math.abs(w - drawnWidth) > 8) {
        drawnWidth = w;
        chartSlot.replaceChildren(chart(shown, w));
      }
    }).observe(chartSlot);
  }
  const problemArea = h('section', { 'aria-labelledby': 'types-h' });
  const countryArea = h('section', { 'aria-labelledby': 'countries-h' });
  const historyArea = h('section', { 'aria-labelledby': 'history-h' });
  const probeArea = h('section', { 'aria-labelledby': 'probes-h', id: 'probes' });
  const officialArea = h('section', { 'aria-labelledby': 'official-h', id: 'official' });
  const socialArea = h('section', { 'aria-labelledby': 'social-h', id: 'social', hidden: true });
  const depsArea = h('section', { class: 'deps' });
  const leadArea = h('div', { id: 'lead', 'aria-live': 'polite' });
  // what people report first; the official word and our probes below it
  main.replaceChildren(headline, leadArea, status, reportArea, notifyArea, chartArea, socialArea, problemArea, countryArea, officialArea, probeArea, historyArea, depsArea);

  function reportButton() {
    const button = h('button', { type: 'button', class: 'big', id: 'report', text: T.report(name) });
    button.addEventListener('click', () => chooser());
    reportArea.replaceChildren(button);
  }

  function chooser() {
    const choices = problemsFor(entry.category).map(p => h('button', { type: 'button', class: 'choice', 'data-problem': p, text: PROBLEMS[p],
      onclick: () => send(p) }));
    const close = () => { reportButton(); document.getElementById('report').focus(); };
    const box = h('fieldset', { class: 'chooser' }, h('legend', { text: T.whatProblem }), ...choices,
      h('button', { type: 'button', class: 'cancel', text: T.cancel, onclick: close }));
    box.addEventListener('keydown', ev => { if (ev.key === 'Escape') close(); });
    reportArea.replaceChildren(box);
    choices[0].focus();
  }

  async function send(problem) {
    let answer;
    try {
      answer = await fetch('/api/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ service: id, problem }) });
    } catch (e) {
      answer = null;
    }
    if (!answer || (answer.status !== 201 && answer.status !== 200)) {
      reportArea.replaceChildren(h('p', { class: 'error', role: 'alert', text: T.reportFailed }));
      setTimeout(reportButton, 4000);
      return;
    }
    fresh = true;
    await refresh();
    const hour = await api(`/api/v1/services/${id}/reports?hours=1`);
    const top = Object.entries(hour.body.byProblem).sort((a, b) => b[1] - a[1]).slice(0, 3);
    const thanks = h('div', { class: 'thanks', id: 'thanks', tabindex: '-1' },
      h('p', { text: answer.status === 201 ? T.thanks : T.thanksRepeat }),
      h('p', { text: T.othersReport(hour.body.total) }),
      h('ul', {}, top.map(([p, n]) => h('li', { text: `${PROBLEMS[p] || p}: ${fmt(n)}` }))));
    reportArea.replaceChildren(thanks);
    thanks.focus();
  }

  // "Tell me when it is back": offered while the service (or the outage it is the epicenter of) is down,
  // on a server that sends mail. Once asked, the answer stays until the page is left.
  let notifyShown = 'none';
  function renderNotify(can) {
    if (notifyShown === 'sent' || document.body.dataset.notify !== '1') return;
    if (!can) {
      if (notifyShown === 'form' && !notifyArea.contains(document.activeElement)) {
        notifyArea.replaceChildren();
        notifyShown = 'none';
      }
      return;
    }
    if (notifyShown === 'form') return;
    notifyShown = 'form';
    const input = h('input', { type: 'email', id: 'notify-email', name: 'email', autocomplete: 'email', required: true, maxlength: '254', dir: 'ltr' });
    const message = h('p', { id: 'notify-msg', role: 'status' });
    const form = h('form', { id: 'notify-form', novalidate: true },
      h('label', { for: 'notify-email', text: T.notifyEmail }), h('div', { class: 'notify-row' }, input, h('button', { type: 'submit', text: T.notifyButton })),
      message);
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const email = input.value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        message.className = 'error';
        message.textContent = T.notifyBad;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      let answer = null;
      try {
        answer = await fetch(`/api/v1/services/${id}/notify`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, lang: LANG }) });
      } catch (e) {
        answer = null;
      }
      if (answer && answer.status === 202) {
        notifyShown = 'sent';
        const done = h('p', { class: 'thanks', id: 'notify-sent', tabindex: '-1', text: T.notifySent(`\u2068${(await answer.json()).email}\u2069`) });
        notifyArea.replaceChildren(h('h2', { id: 'notify-h', text: T.notifyTitle(name) }), done);
        done.focus();
        return;
      }
      message.className = 'error';
      message.textContent = !answer ? T.notifyFailed : answer.status === 400 ? T.notifyBad : answer.status === 429 ? T.notifyLimited
        : answer.status === 409 ? T.notifyNoOutage(name) : T.notifyFailed;
      if (answer && answer.status === 400) input.setAttribute('aria-invalid', 'true');
    });
    notifyArea.replaceChildren(h('h2', { id: 'notify-h', text: T.notifyTitle(name) }), h('p', { class: 'notify-what', text: T.notifyWhat }), form);
  }

  /** A probe's failure in plain words of the page's language; the prober's own text stays for engineers. */
  function probeWhy(detail) {
    const d = detail || '';
    const code = /^status (\d{3})/.exec(d);
    return /^not allowed/.test(d) ? T.why.notAllowed : /^cannot resolve|NXDOMAIN|SERVFAIL|dns_rcode/.test(d) ? T.why.dns
      : /^TLS: .*expired/.test(d) ? T.why.certExpired : /no handshake/i.test(d) ? T.why.timeout : /^TLS/.test(d) ? T.why.tls
      : /no answer|no complete answer|within \d+ ?ms|timed? ?out/i.test(d) ? T.why.timeout : /refused/i.test(d) ? T.why.refused
      : /redirect/i.test(d) ? T.why.redirects : /bad status line/i.test(d) ? T.why.notHttp : /reset|closed/i.test(d) ? T.why.reset
      : code ? (code[1] >= '400' ? T.why.http(code[1]) : T.why.unexpected(code[1]))
      : /^latency/.test(d) ? T.why.slowAnswer : /^cert/.test(d) ? T.why.certSoon
      : /^(body|json|header)/.test(d) ? T.why.content : T.why.other;
  }

  function renderProbes(p) {
    const rows = [];
    for (const probe of p.probes) {
      const locations = Object.entries(probe.locations);
      const label = [h('strong', { text: probe.name }), ' ', h('span', { class: 'muted', dir: 'ltr', text: `${probe.kind} ${probe.target}` }),
        probe.backupOf ? h('span', { class: 'muted', text: ` · ${T.backup(probe.backupOf)}` }) : null];
      if (!locations.length) {
        rows.push(h('tr', {}, h('td', { 'data-label': T.check }, label), h('td', { 'data-label': T.location, text: '–' }),
          h('td', { 'data-label': T.state, class: `probe-${probe.state}`, text: T.probeStates[probe.state] }), h('td', { 'data-label': T.lastResult, text: '–' })));
      }
      locations.forEach(([where, v], n) => rows.push(h('tr', { 'data-probe': probe.name, 'data-location': where, class: n === 0 ? null : 'more' },
        h('td', { 'data-label': T.check }, n === 0 ? label : null), h('td', { 'data-label': T.location, text: where === 'server' ? T.thisServer : where }),
        h('td', { 'data-label': T.state, class: `probe-${v.state}`, text: T.probeStates[v.state] }),
        h('td', { 'data-label': T.lastResult }, time(v.lastAt, false), ' · ', v.slow ? h('span', { class: 'probe-degraded', text: T.slow(fmt(v.medianLatencyMs), fmt(v.typicalLatencyMs)) })
          : v.lastOk ? h('span', { text: `${fmt(v.lastLatencyMs)} ${T.ms}` })
          : [h('span', { class: 'why', text: probeWhy(v.lastDetail) }), engineers(v.lastDetail)]))));
    }
    probeArea.dataset.state = p.status;
    probeArea.replaceChildren(h('h2', { id: 'probes-h', text: T.probesTitle }),
      ...p.backupFindings.map(f => h('p', { class: 'error', role: 'status', text: T.backupBroken(f.backup, f.primary) })),
      p.probes.length ? h('table', { class: 'probes' },
        h('thead', {}, h('tr', {}, [T.check, T.location, T.state, T.lastResult].map(c => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows)) : h('p', { text: T.noProbes }));
  }

  function renderOfficial(o, series) {
    if (!o.feeds.length) {
      officialArea.hidden = true;
      return;
    }
    officialArea.hidden = false;
    officialArea.dataset.state = o.state;
    const down = o.feeds.find(f => f.unreachableSince);
    const windows = series.maintenance || [];
    officialArea.replaceChildren(...[h('h2', { id: 'official-h', text: T.officialTitle }),
      // a page that stopped answering says nothing about now: never its last (often green) word
      down ? h('p', { id: 'official-state' }, h('span', { class: 'official-unknown', text: T.officialUnknown(clock.format(new Date(down.unreachableSince))) }))
        : h('p', { id: 'official-state' }, h('span', { class: `official-${o.state}`, text: T.officialStates[o.state] }),
          o.since ? [' · ', T.officialSince(clock.format(new Date(o.since)))] : null),
      down ? h('p', { class: 'error', role: 'status', id: 'official-unreachable', text: T.unreachable(clock.format(new Date(down.unreachableSince))) }) : null,
      ...o.open.map(i => h('div', { class: 'official-incident' },
        h('p', {}, safeHref(i.link) ? h('a', { href: safeHref(i.link), rel: 'noopener', lang: 'en', dir: 'auto', text: i.title }) : h('strong', { lang: 'en', dir: 'auto', text: i.title }),
          ' · ', time(i.created, true)),
        i.updates.length ? h('ul', { class: 'updates', 'aria-label': T.updates }, i.updates.slice(0, 5).map(u => h('li', {}, time(u.at, true), ' · ',
          h('span', { class: 'muted', text: u.state }), u.body ? [' · ', h('span', { lang: 'en', dir: 'auto', text: u.body })] : null))) : null)),
      ...(o.maintenance.length || windows.length ? [h('p', { id: 'maintenance' }, h('strong', { text: `${T.maintenanceWindow}: ` }),
        ...(o.maintenance.length ? o.maintenance : windows).map((m, n) => [n ? ' · ' : '', m.from ? time(m.from, true) : '', m.until ? ['–', time(m.until, true)] : null,
          ' ', h('span', { lang: 'en', dir: 'auto', class: 'muted', text: m.title })])),
      h('p', { class: 'muted', text: T.maintenanceNote })] : [])].flat(Infinity).filter(x => x !== null));
  }

  // The epicenter where people look: right under the headline, on the provider's page and on each victim's.
  async function renderLead(causes) {
    const names = list => {
      const n = list.map(d => nameOf(byId.get(d)) || d);
      return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(SEP)}${T.and}${n[n.length - 1]}`;
    };
    const own = causes.find(c => c.provider === id);
    const upstream = causes.find(c => c.provider !== id && c.dependents.includes(id));
    const c = own || upstream;
    if (!c) {
      leadArea.replaceChildren();
      return;
    }
    const provider = nameOf(byId.get(c.provider)) || c.provider;
    const text = own ? T.leadProvider(provider, names(c.dependents), clock.format(new Date(c.start)))
      : T.leadVictim(name, provider, names(c.dependents.filter(d => d !== id)));
    // a provider's own page shows how the outage spread: who failed, when, and who is back
    const victims = own ? (await api('/api/v1/incidents')).body.incidents.filter(i => i.epicenter && i.epicenter.provider === id
      && new Date(i.start) >= new Date(c.start) && (!c.end || new Date(i.start) <= new Date(c.end))) : [];
    // (replaceChildren would print a null as the text "null")
    leadArea.replaceChildren(...[h('p', { class: 'epicenter', 'data-provider': c.provider, text }),
      own ? blastTimeline(victims, byId) : null,
      h('p', {}, h('a', { href: `/c/${c.provider}/${c.start}`, text: T.leadMore }))].filter(x => x !== null));
  }

  // what people post about it, while it is recent: the text as posted (never as markup), linked to its source
  function renderSocial(p) {
    const recent = p.posts || [];
    if (!recent.length && !p.people15Minutes) {
      socialArea.hidden = true;
      return;
    }
    socialArea.hidden = false;
    socialArea.replaceChildren(h('h2', { id: 'social-h', text: T.socialTitle }),
      h('p', { id: 'social-people', text: T.socialPeople(p.people15Minutes) }),
      h('ul', { class: 'posts' }, recent.slice(0, 5).map(x => h('li', { class: 'post', lang: x.lang === 'ar' ? 'ar' : x.lang === 'arabizi' ? 'ar-Latn' : 'en' },
        h('p', { class: 'post-text', dir: 'auto', text: x.text }),
        h('p', { class: 'post-meta' }, h('time', { datetime: x.at, text: clock.format(new Date(x.at)) }),
          /^https?:\/\//.test(x.link || '') ? [' · ', h('a', { href: x.link, rel: 'noopener noreferrer nofollow ugc', text: T.socialOpen })] : null,
          ' · ', h('span', { class: 'post-why', title: x.why, text: T.socialWhy }))))));
  }

  async function refresh() {
    const [fresh, series, incidents, probed, official, causes, posts] = await Promise.all([api(`/api/v1/services/${id}`),
      api(`/api/v1/services/${id}/reports?hours=24&bucket=15`), api(`/api/v1/incidents?service=${id}`), api(`/api/v1/services/${id}/probes`),
      api(`/api/v1/services/${id}/official`), api('/api/v1/causes?state=open'), api(`/api/v1/services/${id}/posts`)]);
    renderSocial(posts.body);
    await renderLead(causes.body.causes);
    renderProbes(probed.body);
    renderOfficial(official.body, series.body);
    const e = fresh.body;
    const open = incidents.body.incidents.find(i => !i.end);
    headline.replaceChildren();
    const sinceText = e.statusSince ? clock.format(new Date(e.statusSince)) : '';
    const probeSince = probed.body.statusSince ? clock.format(new Date(probed.body.statusSince)) : '';
    // the crowd first; when nobody reports (3 a.m.) the probes still speak
    // a provider at the centre of an open cause says so first, whatever its own reports
    const ownCause = causes.body.causes.find(c => c.provider === id);
    headline.textContent = ownCause ? T.headlineEpicenter(name, clock.format(new Date(ownCause.start)))
      : e.status === 'problems' ? T.headlineProblems(name, sinceText)
      : e.status === 'suspected' ? T.headlineSuspected(name, sinceText)
      : e.status === 'recovering' ? T.headlineRecovering(name, sinceText)
      : e.probeStatus === 'down' ? T.headlineProbesDown(name, probeSince)
      : e.probeStatus === 'regional' ? T.headlineProbesRegional(name, probeSince)
      : e.official && (e.official.status === 'major_outage' || e.official.status === 'partial_outage')
        ? T.headlineOfficial(name, T.officialStates[e.official.status], e.official.since ? clock.format(new Date(e.official.since)) : '')
        : T.headlineOk(name);
    const probeTrouble = e.probeStatus === 'down' || e.probeStatus === 'regional';
    renderNotify(Boolean(ownCause || (open && open.confirmed)));
    status.replaceChildren(...[(e.status === 'ok' && probeTrouble) ? null : badge(ownCause && e.status === 'ok' ? 'problems' : e.status), ' ',
      h('span', { text: T.reportsLastHour(e.reports.last60Minutes) }),
      // "is it just me?": the count next to what is usual for this hour (the last four quarters' expectation)
      series.body.baseline ? h('span', { class: 'typical', id: 'typical-hour',
        text: ` (${T.typicalHour(Math.round(series.body.baseline.slice(-4).reduce((a, b) => a + b, 0)))})` }) : null,
      open && !noReports(open) ? h('span', { text: ` · ${T.peak} ${fmt(open.peakPerMinute)}${T.perMinute}` }) : null,
      e.probeStatus ? h('span', { class: `probe-${e.probeStatus}`, id: 'probe-status', text: ` · ${T.probeLine(T.probeStates[e.probeStatus])}` }) : null,
      e.official ? h('span', { class: e.official.unreachableSince ? 'official-unknown' : `official-${e.official.status}`, id: 'official-status',
        text: ` · ${T.officialLine(e.official.unreachableSince ? T.officialUnknown(clock.format(new Date(e.official.unreachableSince)))
          : T.officialStates[e.official.status])}` }) : null]
      .filter(x => x !== null));
    await drawChart(range.hours === 24 && range.bucket === 15 ? series.body : null, true);
    // during an incident, what people report and where describe the incident, not the whole day
    const during = open && !noReports(open);
    const spread = during ? (await api(`/api/v1/services/${id}/reports?hours=${Math.min(168, Math.max(1,
      Math.ceil((Date.now() - new Date(open.start).getTime()) / 3600e3)))}&bucket=60`)).body : series.body;
    const sinceOpen = during ? clock.format(new Date(open.start)) : null;
    problemArea.replaceChildren(h('h2', { id: 'types-h', text: during ? T.problemTypesSince(sinceOpen) : T.problemTypes }),
      bars(spread.byProblem, p => PROBLEMS[p] || p));
    countryArea.replaceChildren(h('h2', { id: 'countries-h', text: during ? T.countriesSince(sinceOpen) : T.countries }),
      await countryMap(spread.byCountry), bars(spread.byCountry, countryName));
    historyArea.replaceChildren(h('h2', { id: 'history-h', text: T.history }),
      h('p', {}, h('a', { href: `/api/v1/incidents.atom?service=${id}`, id: 'feed-link', text: T.followFeed(name) })),
      incidents.body.incidents.length ? h('ul', { class: 'incident-list' }, incidents.body.incidents.slice(0, 20).map(i =>
        // the link says what it opens: the incident of that time, not a bare "resolved"
        h('li', { class: i.end ? 'resolved' : 'ongoing' }, h('a', { href: incidentHref(i) }, h('span', { class: 'state', text: i.end ? T.resolved : T.ongoing }),
          ' · ', time(i.start, true), i.end ? ['–', time(i.end, true)] : null), ' · ',
          noReports(i) ? h('span', { text: officialOnly(i) ? T.foundOfficially : T.foundByProbes })
            : h('span', { text: `${T.peak} ${fmt(i.peakPerMinute)}${T.perMinute} (${fmt(Math.round(i.peakPerMinute / Math.max(i.baselinePerMinute, 0.5)))}${T.times})` }),
          i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries.slice(0, 3).map(countryName).join(SEP)}` }) : null,
          i.duringMaintenance ? h('span', { class: 'maintenance', text: ` · ${T.duringMaintenance}` }) : null,
          i.official ? [' · ', acknowledgement(i)] : null,
          i.epicenter && i.epicenter.provider !== id ? h('span', { class: 'caused' }, ' · ', h('a', { href: `/s/${i.epicenter.provider}`, text: T.causedBy(nameOf(byId.get(i.epicenter.provider)) || i.epicenter.provider) })) : null)))
        : h('p', { text: T.noIncidents }));
    main.dataset.loaded = String(Date.now());
  }

  function depList(ids, withStatus) {
    if (!ids.length) return h('p', { text: T.nothing });
    return h('ul', { class: 'dep-list' }, ids.map(d => {
      const other = byId.get(d.id || d);
      return h('li', {}, h('a', { href: `/s/${d.id || d}`, text: nameOf(other) || d.id || d }),
        d.evidence === 'uncertain' ? h('span', { class: 'uncertain', text: ` (${T.uncertain})` }) : null,
        withStatus && other ? [' ', badge(other.status)] : null);
    }));
  }

  const dependents = entry.kind === 'provider' ? (await api(`/api/v1/providers/${id}/dependents`)).body.direct : entry.dependents;
  depsArea.replaceChildren(
    h('h2', { text: T.dependsOn }), depList(entry.dependsOn || [], false),
    h('h2', { text: entry.kind === 'provider' ? T.blastRadius : T.dependents }), depList(dependents.map(d => d.id || d), true));

  reportButton();
  await refresh();
  live(refresh);
}
