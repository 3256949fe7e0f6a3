// Epicenter's web pages: start: the page named by the shell.
// Plain scripts loaded in order with defer; no framework and no build step.
'use strict';

// ---------- start ----------

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('skip').textContent = T.skip;
  document.getElementById('foot').textContent = T.footer;
  const loading = document.getElementById('loading');
  if (loading) loading.textContent = T.loading;
  const main = document.getElementById('main');
  const page = document.body.dataset.page;
  try {
    if (page === 'service') await service(main, document.body.dataset.id);
    else if (page === 'incident') await incident(main, document.body.dataset.id);
    else if (page === 'cause') await causePage(main, document.body.dataset.id);
    else if (page === 'notice' || page === 'notice-stop') await noticePage(main, document.body.dataset.id, page === 'notice-stop');
    else if (page === 'missing') main.replaceChildren(h('h1', { text: T.missing }), h('p', {}, h('a', { href: '/', text: T.home })));
    else await home(main);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert', text: String(e.message || e) }));
    throw e;
  }
});
