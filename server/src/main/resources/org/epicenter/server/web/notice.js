// Epicenter's web pages: a notice's page, the one the links of its mails open ("tell me when it is back").
// Opening the page changes nothing (mail scanners follow links); only its button confirms or stops.
'use strict';

// ---------- notice ----------

async function noticePage(main, key, stopping) {
  const path = `/api/v1/notices/${key}`;
  const got = await api(path);
  if (got.status === 404) {
    main.replaceChildren(h('h1', { text: T.notifyTitle('…') }), h('p', { text: T.noticeGone }));
    return;
  }
  const entry = (await api(`/api/v1/services/${got.body.service}`)).body;
  const name = nameOf(entry) || got.body.service;
  const email = h('bdi', { dir: 'ltr', text: got.body.email });
  const says = h('p', { id: 'notice-state', role: 'status' });
  const actions = h('p', { class: 'notice-actions' });
  const link = h('p', {}, h('a', { href: `/s/${got.body.service}`, text: T.noticeService(name) }));
  main.replaceChildren(h('h1', { text: T.notifyTitle(name) }), says, actions, link);

  const button = (text, verb, cls) => h('button', { type: 'button', class: cls, id: `notice-${verb}`, text, onclick: async () => {
    const r = await fetch(`${path}/${verb}`, { method: 'POST' });
    if (r.status === 200) show(await r.json(), true);
    else if (r.status === 410) show(Object.assign({}, got.body, { state: 'expired' }), true);
    else {
      // finished meanwhile (stopped from the mail, told): say what it is now
      const now = await api(path);
      if (now.status === 200) show(now.body, true);
      else says.textContent = T.noticeGone;
    }
  } });

  function show(n, moved) {
    const sentence = (text, ...parts) => { says.replaceChildren(...(parts.length ? parts : [text])); };
    actions.replaceChildren();
    if (n.state === 'unconfirmed' && !stopping) {
      sentence(null, ...split(T.noticeAsk(name, '\u0000'), email));
      actions.append(button(T.noticeConfirm, 'confirm', 'big'));
    } else if ((n.state === 'unconfirmed' || n.state === 'watching') && stopping) {
      sentence(T.noticeAskStop(name));
      actions.append(button(T.noticeStop, 'stop', 'big'));
    } else if (n.state === 'watching') {
      sentence(null, ...split(T.noticeWatching(name, '\u0000'), email));
      actions.append(button(T.noticeStop, 'stop', 'cancel'));
    } else if (n.state === 'told') {
      sentence(T.noticeTold(name, time(n.told, true).textContent));
    } else if (n.state === 'stopped') {
      sentence(T.noticeStopped);
    } else if (n.state === 'expired') {
      sentence(T.noticeExpired);
    } else {
      sentence(T.noticeFailed);
    }
    if (moved) says.focus();
  }
  says.setAttribute('tabindex', '-1');
  show(got.body, false);
}

/** A sentence with a placeholder (\u0000) replaced by an element: the address stays one isolated left-to-right run. */
function split(text, element) {
  const at = text.indexOf('\u0000');
  return at < 0 ? [text] : [text.slice(0, at), element, text.slice(at + 1)];
}
