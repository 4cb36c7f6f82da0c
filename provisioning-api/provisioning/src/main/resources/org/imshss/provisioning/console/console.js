// The console's pages, chosen by the part of the URL after '#': it holds what is shown, never a secret.
import { ApiError, get, loggedIn, setToken } from './api.js';
import { $, $$, status, takeFlash } from './dom.js';
import { bindAudit, bindCluster, bindSearch, showAudit, showCluster, showMetrics, showSearch, showServiceData,
  stopMetrics } from './pages.js';
import { bindEditor, showEditor, showSubscriber } from './subscriber.js';

const ROUTES = [
  [/^#\/search$/, 'search', () => showSearch()],
  [/^#\/new$/, 'editor', () => showEditor(null)],
  [/^#\/edit\/(.+)$/, 'editor', (m) => showEditor(decodeURIComponent(m[1]))],
  [/^#\/subscriber\/(.+)$/, 'subscriber', (m) => showSubscriber(decodeURIComponent(m[1]))],
  [/^#\/service-data$/, 'service-data', () => showServiceData()],
  [/^#\/audit$/, 'audit', () => showAudit()],
  [/^#\/cluster$/, 'cluster', () => showCluster()],
  [/^#\/metrics$/, 'metrics', () => showMetrics()],
];

function show(page) {
  $$('.page').forEach((section) => { section.hidden = section.id !== 'page-' + page; });
  $$('#nav a').forEach((a) => a.classList.toggle('current', a.dataset.page === page));
}

async function route() {
  stopMetrics();
  if (!loggedIn()) {
    show('login');
    $('#nav').hidden = true;
    return;
  }
  $('#nav').hidden = false;
  const hash = location.hash || '#/search';
  const [pattern, page, render] = ROUTES.find(([p]) => p.test(hash)) || ROUTES[0];
  show(page);
  document.body.dataset.loading = 'true';
  try {
    await render(hash.match(pattern) || []);
  } catch (e) {
    status(e instanceof ApiError && e.status === 404 ? 'Not found' : e.message, true);
  } finally {
    delete document.body.dataset.loading;
  }
}

async function login(event) {
  event.preventDefault();
  const token = $('#token').value.trim();
  setToken(token);
  try {
    // Any read proves the token; the cluster status is small.
    await get('cluster');
  } catch (e) {
    setToken(null);
    $('#login-error').textContent = e instanceof ApiError && e.status === 401 ? 'Unknown token' : e.message;
    return;
  }
  $('#token').value = '';
  $('#login-error').textContent = '';
  status('');
  await route();
}

function logout() {
  setToken(null);
  status('Logged out');
  location.hash = '';
  route();
}

document.addEventListener('DOMContentLoaded', () => {
  $('#login').addEventListener('submit', login);
  $('#logout').onclick = logout;
  bindSearch();
  bindEditor();
  bindAudit();
  bindCluster();
  window.addEventListener('hashchange', () => { status(takeFlash()); route(); });
  route();
});
