// The EPS side of a subscriber: its USIMs (never their keys), the MME, SGSN and 3GPP AAA server serving each,
// administrative detach and AAA de-registration; and the APN profiles.
import { ApiError, call, get, path } from './api.js';
import { $, el, fill, row, text } from './dom.js';

// Only what the subscriber document holds beside the keys, which the API never returns anyway.
function apnsText(eps) {
  return (eps && eps.apns ? eps.apns : []).map((a) => a.apnProfile + ' (context ' + text(a.contextIdentifier)
    + (a.staticAddresses && a.staticAddresses.length ? ', ' + text(a.staticAddresses) : '') + ')').join('; ');
}

function non3gppText(n) {
  if (!n) {
    return 'none';
  }
  if (n.ipAccessAllowed === false) {
    return 'barred';
  }
  const access = [n.trustedAccessAllowed === false ? null : 'trusted', n.untrustedAccessAllowed === false ? null
    : 'untrusted'].filter(Boolean).join(' and ');
  return access + (n.apnsEnabled === false ? ', APNs disabled' : ': ' + text(n.apns)
    + (n.defaultApn ? ' (default ' + n.defaultApn + ')' : ''));
}

function nodeText(node, purged) {
  if (!node) {
    return '';
  }
  return node.host + ' (' + node.realm + ') PLMN ' + text(node.visitedPlmn) + ' ' + text(node.ratType) + ' at '
    + node.updated + (purged ? ', purged' : '');
}

async function registration(imsi) {
  try {
    return await get(path('eps-registrations', imsi));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      return { imsi };
    }
    throw e;
  }
}

function aaaText(aaa) {
  return aaa ? aaa.host + ' (' + aaa.realm + ') ' + (aaa.registered ? 'registered' : 'authenticated only') + ' at '
    + aaa.updated : '';
}

function outcomeText(what, result) {
  const answered = result.status === 'ANSWERED' ? 'answered ' + result.resultCode
    : result.status === 'NOT_SERVED' ? 'no node held it' : 'no answer';
  return what + ': ' + result.status + ' (' + answered + ')' + (result.detail ? ' ' + result.detail : '');
}

async function act(imsi, relative, what, refresh) {
  $('#eps-outcome').textContent = 'Sending ' + what + ' ...';
  let message;
  try {
    message = outcomeText(what, (await call('DELETE', relative)).body);
  } catch (e) {
    message = what + ' refused: ' + e.message;
  }
  await refresh();
  $('#eps-outcome').textContent = message;
}

/** Fills the USIM tables of the subscriber page from its document; refresh shows the page again. */
export async function showUsims(doc, refresh) {
  const usims = doc.usims || [];
  $('#eps-outcome').textContent = '';
  fill($('#usims'), usims.map((u) => row([u.imsi, u.eps && u.eps.msisdn, apnsText(u.eps), u.eps && u.eps.defaultApn,
    non3gppText(u.non3gpp)], { 'data-imsi': u.imsi })));
  const registrations = await Promise.all(usims.map((u) => registration(u.imsi)));
  fill($('#eps-registrations'), registrations.map((r) => row([r.imsi, nodeText(r.mme, r.mmePurged),
    nodeText(r.sgsn, r.sgsnPurged), aaaText(r.aaaServer),
    el('button', { type: 'button', class: 'detach danger', text: 'Detach',
      onclick: () => act(r.imsi, path('eps-registrations', r.imsi), 'Detach of ' + r.imsi, refresh) }),
    el('button', { type: 'button', class: 'aaa-deregister', text: 'AAA de-register',
      onclick: () => act(r.imsi, path('eps-registrations', r.imsi) + '/aaa-server',
        'AAA de-registration of ' + r.imsi, refresh) })], { 'data-imsi': r.imsi })));
}

export async function showApnProfiles() {
  const profiles = await get('apn-profiles');
  fill($('#apn-profiles'), profiles.map((p) => row([p.id, p.serviceSelection, p.pdnType, p.qci,
    p.arp && 'priority ' + p.arp.priorityLevel, p.ambr && p.ambr.uplink + ' / ' + p.ambr.downlink,
    p.vplmnDynamicAddressAllowed ? 'yes' : 'no', p.chargingCharacteristics], { 'data-apn-profile': p.id })));
}
