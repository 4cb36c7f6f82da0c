// The list pages: search, service data, audit trail, cluster, and the live metrics.
import { ApiError, call, get, path } from './api.js';
import { $, definitions, el, fill, row, status, text } from './dom.js';
import { showApnProfiles } from './eps.js';

const PAGE = 20;
let searchNext = null;
let auditNext = null;

function subscriberLink(id) {
  return el('a', { href: '#/subscriber/' + encodeURIComponent(id), class: 'subscriber-link', text: id });
}

// Every kind is one paged, prefix-ordered read of the API (or one key lookup): nothing scans from here.
async function searchPage(kind, term, cursor) {
  const query = (prefix) => '?limit=' + PAGE + (prefix ? '&prefix=' + encodeURIComponent(prefix) : '')
    + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
  if (kind === 'id') {
    const page = await get('subscribers' + query(term));
    return { rows: page.items.map((s) => [s.id, (s.publicIdentities || []).map((p) => p.identity)]), next: page.next };
  }
  if (kind === 'impi') {
    const page = await get('private-identities' + query(term));
    return { rows: page.items.map((p) => [p.subscriptionId, p.impi + (p.usim ? ' (USIM ' + p.usim + ')' : '')]),
      next: page.next };
  }
  if (kind === 'imsi') {
    const page = await get('imsis' + query(term));
    return { rows: page.items.map((u) => [u.subscriptionId, 'IMSI ' + u.imsi + (u.msisdn ? ' (MSISDN ' + u.msisdn + ')' : '')]),
      next: page.next };
  }
  const prefix = kind === 'msisdn' ? 'tel:' + (term.startsWith('+') ? term : '+' + term) : term;
  const page = await get('public-identities' + query(prefix));
  const rows = page.items.filter((p) => p.subscriptionId).map((p) => [p.subscriptionId, p.identity]);
  if (kind === 'msisdn' && !cursor && /^\+?\d+$/.test(term)) {
    // An identity provisioned with exactly this MSISDN comes first, whatever its URI.
    const exact = await byMsisdn(term);
    if (exact && exact.subscriptionId) {
      rows.unshift([exact.subscriptionId, exact.identity + ' (MSISDN ' + exact.msisdn + ')']);
    }
  }
  return { rows, next: page.next };
}

async function byMsisdn(msisdn) {
  try {
    return await get(path('msisdns', msisdn));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      return null;
    }
    throw e;
  }
}

async function runSearch(more) {
  const kind = $('#search-kind').value;
  const term = $('#search-text').value.trim();
  if (kind === 'imsi' && !/^\d{0,15}$/.test(term)) {
    status('An IMSI prefix is up to 15 digits', true);
    return;
  }
  const result = await searchPage(kind, term, more ? searchNext : null);
  const rows = result.rows.map(([id, match]) => row([subscriberLink(id), text(match)], { 'data-subscriber': id }));
  if (more) {
    $('#search-results tbody').append(...rows);
  } else {
    fill($('#search-results'), rows);
  }
  searchNext = result.next;
  $('#search-next').hidden = !searchNext;
  if (!rows.length && !more) {
    status('Nothing found');
  }
}

export function bindSearch() {
  $('#search').addEventListener('submit', (event) => {
    event.preventDefault();
    status('');
    runSearch(false).catch((e) => status(e.message, true));
  });
  $('#search-next').onclick = () => runSearch(true).catch((e) => status(e.message, true));
}

export async function showSearch() {
  if (!$('#search-results tbody').children.length) {
    await runSearch(false);
  }
}

export async function showServiceData() {
  const [profiles, ifcs, scscfs, servers] = await Promise.all([get('service-profiles'), get('ifcs'), get('scscfs'),
    get('application-servers')]);
  fill($('#service-profiles'), profiles.map((p) => row([p.id, p.ifcs, p.sharedIfcSets])));
  fill($('#ifcs'), ifcs.map((i) => row([i.id, i.priority, i.applicationServer && i.applicationServer.serverName,
    i.triggerPoint ? JSON.stringify(i.triggerPoint) : 'unconditional'])));
  fill($('#scscfs'), scscfs.map((s) => row([s.name, s.capabilities])));
  fill($('#application-servers'), servers.map((a) => row([a.diameterHost, a.serverName, a.read, a.update, a.subscribe],
    { 'data-as': a.diameterHost })));
  await showApnProfiles();
}

async function auditPage(more) {
  const object = $('#audit-object').value.trim();
  const query = '?limit=' + PAGE + (object ? '&object=' + encodeURIComponent(object) : '')
    + (more && auditNext ? '&cursor=' + encodeURIComponent(auditNext) : '');
  const page = await get('audit' + query);
  const rows = page.items.map((a) => row([a.time, a.actor, a.action, a.objectType + ' ' + a.objectId, a.changes]));
  if (more) {
    $('#audit tbody').append(...rows);
  } else {
    fill($('#audit'), rows);
  }
  auditNext = page.next;
  $('#audit-next').hidden = !auditNext;
}

export function bindAudit() {
  $('#audit-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    auditPage(false).catch((e) => status(e.message, true));
  });
  $('#audit-next').onclick = () => auditPage(true).catch((e) => status(e.message, true));
}

export const showAudit = () => auditPage(false);

export async function showCluster() {
  const c = await get('cluster');
  definitions($('#cluster-fields'), [['State', c.state], ['Persistence', c.persistence ? 'on' : 'off'],
    ['Answering node', c.localNode], ['Topology version', c.topologyVersion],
    ['Baseline auto-adjust', c.baselineAutoAdjust ? c.baselineAutoAdjustMs + ' ms' : 'off'],
    ['Partitions still arriving here', c.localRebalancingPartitions],
    ['Entries here (primary / backup)', c.localPrimaryEntries + ' / ' + c.localBackupEntries]]);
  fill($('#cluster-nodes'), c.nodes.map((n) => row([n.consistentId, n.addresses, n.online ? 'yes' : 'no',
    n.inBaseline ? 'yes' : 'no', n.local ? 'yes' : ''])));
}

export function bindCluster() {
  $('#set-baseline').onclick = async () => {
    try {
      await call('POST', 'cluster/baseline');
      status('Baseline set to the online server nodes');
    } catch (e) {
      status('Baseline refused: ' + e.message, true);
    }
    await showCluster();
  };
}

// Prometheus text of /metrics (served without a token): counters are turned into rates between two polls.
let metricsTimer = null;
let previous = null;

function parseMetrics(body) {
  const samples = [];
  for (const line of body.split('\n')) {
    const m = line.match(/^(diameter_answers_total|diameter_request_duration_seconds_(?:sum|count|max))\{([^}]*)\} (\S+)/);
    if (m) {
      const labels = Object.fromEntries(Array.from(m[2].matchAll(/(\w+)="([^"]*)"/g), (l) => [l[1], l[2]]));
      samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
  }
  return samples;
}

async function pollMetrics() {
  const response = await fetch('/metrics', { cache: 'no-store' });
  const now = { at: performance.now(), samples: parseMetrics(await response.text()) };
  const key = (s) => s.name + '|' + s.labels.application + '|' + s.labels.command + '|' + (s.labels.result || '');
  const before = new Map(previous ? previous.samples.map((s) => [key(s), s.value]) : []);
  const seconds = previous ? (now.at - previous.at) / 1000 : 0;
  const delta = (s) => s.value - (before.get(key(s)) || 0);
  fill($('#metrics-answers'), now.samples.filter((s) => s.name === 'diameter_answers_total').map((s) => row(
    [s.labels.application, s.labels.command, s.labels.result, seconds ? (delta(s) / seconds).toFixed(1) : '', s.value],
    { 'data-command': s.labels.command, 'data-result': s.labels.result })));
  const by = (name, s) => now.samples.find((o) => o.name === name && o.labels.application === s.labels.application
    && o.labels.command === s.labels.command);
  fill($('#metrics-latency'), now.samples.filter((s) => s.name === 'diameter_request_duration_seconds_count').map((s) => {
    const sum = by('diameter_request_duration_seconds_sum', s);
    const max = by('diameter_request_duration_seconds_max', s);
    const count = delta(s) > 0 && previous ? delta(s) : s.value;
    const total = delta(s) > 0 && previous ? delta(sum) : sum.value;
    return row([s.labels.application, s.labels.command, count ? (1000 * total / count).toFixed(2) : '',
      max ? (1000 * max.value).toFixed(2) : '', s.value], { 'data-command': s.labels.command });
  }));
  previous = now;
}

export async function showMetrics() {
  stopMetrics();
  await pollMetrics();
  metricsTimer = setInterval(() => pollMetrics().catch((e) => status(e.message, true)), 2000);
}

export function stopMetrics() {
  clearInterval(metricsTimer);
  metricsTimer = null;
  previous = null;
}
