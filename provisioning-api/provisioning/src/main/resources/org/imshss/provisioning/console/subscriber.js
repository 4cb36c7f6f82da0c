// A subscriber: its view with the registration state of each public identity and of each USIM, and its editor.
import { ApiError, call, get, path } from './api.js';
import { $, $$, definitions, el, fill, flash, row, status, text } from './dom.js';
import { showUsims } from './eps.js';

const SCHEMES = ['', 'SIP Digest', 'Digest-AKAv1-MD5', 'Digest-AKAv2-MD5', 'Digest-MD5', 'HTTP_DIGEST_MD5',
  'NASS-Bundled', 'Early-IMS-Security'];
const TYPES = ['', 'PUBLIC_USER_IDENTITY', 'DISTINCT_PSI', 'WILDCARDED_PSI', 'WILDCARDED_IMPU'];

let editing = null;

export async function showSubscriber(id) {
  const response = await call('GET', path('subscribers', id));
  const doc = response.body;
  $('#subscriber-title').textContent = 'Subscriber ' + doc.id;
  $('#deregister-outcome').textContent = '';
  $('#subscriber-edit').onclick = () => { location.hash = '#/edit/' + encodeURIComponent(doc.id); };
  $('#subscriber-delete').onclick = () => remove(doc.id).catch((e) => status('Not deleted: ' + e.message, true));
  $('#subscriber-refresh').onclick = () => showSubscriber(doc.id);
  definitions($('#subscription-fields'), [
    ['Version (ETag)', response.etag], ['Charging information', doc.chargingInformation],
    ['Allowed visited networks', doc.allowedVisitedNetworks], ['Preferred S-CSCFs', doc.preferredScscfs],
    ['Mandatory capabilities', doc.mandatoryCapabilities], ['Optional capabilities', doc.optionalCapabilities],
    ['Implicit registration sets', (doc.implicitRegistrationSets || []).map(setText).join(' | ')]]);
  const privates = await Promise.all((doc.privateIdentities || []).map((p) => get(path('private-identities', p.impi))));
  fill($('#private-identities'), privates.map((p) => row([p.impi, p.authSchemes, p.defaultScheme, credentials(p),
    p.publicIdentities], { 'data-impi': p.impi })));
  const registrations = await Promise.all((doc.publicIdentities || []).map((p) => registration(p.identity)));
  fill($('#registrations'), (doc.publicIdentities || []).map((p, i) => registrationRow(p, registrations[i], doc.id)));
  await showUsims(doc, () => showSubscriber(doc.id));
}

// Which credentials an IMPI has, never what they are; AKA keys held by a USIM link to that USIM's row.
function credentials(p) {
  const own = [p.sipDigestCredentials ? 'SIP Digest' : null, p.akaCredentials ? 'AKA' : null].filter(Boolean);
  if (!p.usim) {
    return own.join(', ') || 'none';
  }
  const link = el('a', { href: location.hash, class: 'usim-link', 'data-imsi': p.usim, text: 'USIM ' + p.usim,
    onclick: (event) => { event.preventDefault(); showUsimRow(p.usim); } });
  return el('span', {}, own.length ? own.join(', ') + ', ' : '', link);
}

function showUsimRow(imsi) {
  $$('#usims tr.selected').forEach((tr) => tr.classList.remove('selected'));
  const target = $$('#usims tr').find((tr) => tr.dataset.imsi === imsi);
  if (target) {
    target.classList.add('selected');
    target.scrollIntoView({ block: 'center' });
  }
}

function setText(set) {
  return Array.isArray(set) ? set.join(', ') : text(set.publicIdentities);
}

async function registration(identity) {
  try {
    return await get(path('registrations', identity));
  } catch (e) {
    return { state: e instanceof ApiError && e.status === 404 ? 'not a user identity' : 'unknown' };
  }
}

function registrationRow(identity, state, subscriberId) {
  const button = state.state === 'REGISTERED' || state.state === 'UNREGISTERED'
    ? el('button', { type: 'button', class: 'deregister', text: 'De-register',
      onclick: () => deregister(identity.identity, subscriberId) })
    : null;
  return row([identity.identity, identity.displayName, identity.serviceProfile, state.implicitSetId,
    el('span', { class: 'state state-' + state.state, text: state.state }), state.scscfName, button || ''],
  { 'data-impu': identity.identity });
}

async function deregister(identity, subscriberId) {
  $('#deregister-outcome').textContent = 'Sending RTR for ' + identity + ' ...';
  let message;
  try {
    const result = (await call('DELETE', path('registrations', identity))).body;
    const answered = result.status === 'ANSWERED'
      ? 'the S-CSCF answered ' + result.resultCode : result.status === 'NOT_SERVED'
        ? 'no S-CSCF held it' : 'no answer from the S-CSCF';
    message = 'RTR for ' + identity + ': ' + result.status + ' (' + answered + ')'
      + (result.detail ? ' ' + result.detail : '');
  } catch (e) {
    message = 'De-registration refused: ' + e.message;
  }
  await showSubscriber(subscriberId);
  $('#deregister-outcome').textContent = message;
}

async function remove(id) {
  if (!confirm('Delete subscriber ' + id + '? Registered identities are de-registered first.')) {
    return;
  }
  await call('DELETE', path('subscribers', id));
  flash('Subscriber ' + id + ' deleted');
  location.hash = '#/search';
}

function input(pathName, value, attributes = {}) {
  return el('div', { class: 'field' }, el('label', { text: attributes.label || pathName.replace(/.*\./, '') }),
    el('input', { 'data-path': pathName, value: value === undefined || value === null ? '' : text(value),
      type: attributes.type || 'text', autocomplete: 'off', 'data-list': attributes.list,
      placeholder: attributes.placeholder }));
}

function select(pathName, options, value, label) {
  const node = el('select', { 'data-path': pathName }, ...options.map((o) => el('option', { value: o, text: o || '(default)' })));
  node.value = value || '';
  return el('div', { class: 'field' }, el('label', { text: label }), node);
}

function removeButton() {
  return el('button', { type: 'button', text: 'Remove', onclick: (e) => { e.target.closest('.row').remove(); renumber(); } });
}

// A row remembers what it was read as: the fields the form does not show are written back as they were.
const originals = new WeakMap();

function kept(original, rowElement) {
  originals.set(rowElement, original);
  return rowElement;
}

function addPrivate(p = {}) {
  const i = $$('#private-rows .row').length;
  const base = 'privateIdentities[' + i + ']';
  $('#private-rows').append(kept(p, el('div', { class: 'row' },
    input(base + '.impi', p.impi, { label: 'IMPI' }),
    input(base + '.publicIdentities', p.publicIdentities, { label: 'Public identities', list: true }),
    input(base + '.password', '', { label: 'Password (write-only)', type: 'password' }),
    input(base + '.k', '', { label: 'K (write-only)', type: 'password', placeholder: '32 hex digits' }),
    input(base + '.op', '', { label: 'OP (write-only)', type: 'password' }),
    input(base + '.opc', '', { label: 'OPc (write-only)', type: 'password' }),
    input(base + '.amf', p.amf, { label: 'AMF' }),
    input(base + '.authSchemes', p.authSchemes, { label: 'Allowed schemes', list: true }),
    select(base + '.defaultScheme', SCHEMES, p.defaultScheme, 'Default scheme'),
    removeButton())));
}

function addImplicit(set = []) {
  const i = $$('#implicit-rows .row').length;
  $('#implicit-rows').append(kept(set, el('div', { class: 'row' },
    input('implicitRegistrationSets[' + i + ']', Array.isArray(set) ? set : set.publicIdentities,
      { label: 'Public identities of set ' + (i + 1), list: true }), removeButton())));
}

function addPublic(p = {}) {
  const i = $$('#public-rows .row').length;
  const base = 'publicIdentities[' + i + ']';
  $('#public-rows').append(kept(p, el('div', { class: 'row' },
    input(base + '.identity', p.identity, { label: 'Identity' }),
    input(base + '.serviceProfile', p.serviceProfile || 'default', { label: 'Service profile' }),
    input(base + '.displayName', p.displayName, { label: 'Display name' }),
    input(base + '.msisdn', p.msisdn, { label: 'MSISDN' }),
    select(base + '.type', TYPES, p.type, 'Type'),
    select(base + '.barred', ['false', 'true'], String(Boolean(p.barred)), 'Barred'),
    removeButton())));
}

// Rows removed in the middle: the remaining ones are named by their new index, as the API will name them.
function renumber() {
  for (const [container, name] of [['#private-rows', 'privateIdentities'], ['#implicit-rows', 'implicitRegistrationSets'],
    ['#public-rows', 'publicIdentities']]) {
    $$(container + ' .row').forEach((r, i) => $$('[data-path]', r).forEach((f) => {
      f.dataset.path = f.dataset.path.replace(/^\w+\[\d+\]/, name + '[' + i + ']');
    }));
  }
}

export async function showEditor(id) {
  clearErrors();
  $$('#private-rows .row, #implicit-rows .row, #public-rows .row').forEach((r) => r.remove());
  const form = $('#subscriber-form');
  $$('[data-path]', form).forEach((f) => { f.value = f.dataset.path === 'chargingInformation' ? 'default' : ''; });
  editing = null;
  if (id) {
    const response = await call('GET', path('subscribers', id));
    editing = { id, etag: response.etag, document: response.body };
    const doc = response.body;
    $('#editor-title').textContent = 'Edit subscriber ' + id;
    for (const name of ['id', 'chargingInformation', 'allowedVisitedNetworks', 'preferredScscfs']) {
      $('[data-path="' + name + '"]', form).value = text(doc[name]);
    }
    (doc.privateIdentities || []).forEach(addPrivate);
    (doc.implicitRegistrationSets || []).forEach(addImplicit);
    (doc.publicIdentities || []).forEach(addPublic);
  } else {
    $('#editor-title').textContent = 'New subscriber';
    addPrivate();
    addImplicit();
    addPublic();
  }
  $('#f-id').disabled = Boolean(id);
}

// The form as the API's subscriber document, over what was read: fields the form shows are taken from it (left
// empty: absent, so credentials left empty are kept), the others are written back unchanged.
function documentOf() {
  const doc = { ...(editing ? editing.document : {}) };
  for (const field of $$('#subscriber-form > fieldset:first-of-type [data-path]')) {
    set(doc, field.dataset.path, valueOf(field));
  }
  doc.privateIdentities = rows('#private-rows');
  doc.implicitRegistrationSets = rows('#implicit-rows').filter((set) => set !== undefined);
  doc.publicIdentities = rows('#public-rows');
  return doc;
}

function rows(container) {
  return $$(container + ' .row').map((rowElement) => {
    const original = originals.get(rowElement);
    let item = Array.isArray(original) ? undefined : { ...original };
    for (const field of $$('[data-path]', rowElement)) {
      const key = field.dataset.path.replace(/^\w+\[\d+\]\.?/, '');
      if (key === '') {
        // an implicit set: a plain list, or the object form with its own id
        item = item && item.id ? { ...item, publicIdentities: valueOf(field) } : valueOf(field);
      } else {
        set(item, key, valueOf(field));
      }
    }
    return item;
  });
}

function valueOf(field) {
  const raw = field.value.trim();
  if (raw === '') {
    return undefined;
  }
  if (field.dataset.path.endsWith('.barred')) {
    return raw === 'true';
  }
  return field.dataset.list !== undefined ? raw.split(',').map((s) => s.trim()).filter((s) => s) : raw;
}

function set(target, key, value) {
  if (value === undefined) {
    delete target[key];
  } else {
    target[key] = value;
  }
}

function clearErrors() {
  $$('.field-error').forEach((n) => n.remove());
  $$('.invalid').forEach((n) => n.classList.remove('invalid'));
  $('#editor-error').textContent = '';
}

// Each error goes next to the field the API names, or the closest enclosing one ("publicIdentities[0]"
// goes to that row's identity); what matches no field is shown under the form.
function showErrors(error) {
  const fields = $$('[data-path]', $('#subscriber-form'));
  const unplaced = [];
  for (const e of error.errors) {
    const target = fieldFor(fields, e.field);
    if (target) {
      target.classList.add('invalid');
      target.after(el('span', { class: 'field-error', 'data-error-for': e.field, text: e.message }));
    } else {
      unplaced.push(e.field + ': ' + e.message);
    }
  }
  $('#editor-error').textContent = error.message + (unplaced.length ? ': ' + unplaced.join('; ') : '');
}

function fieldFor(fields, name) {
  for (let p = name; p;) {
    const found = fields.find((f) => f.dataset.path === p)
      || fields.find((f) => f.dataset.path.startsWith(p + '.') || f.dataset.path.startsWith(p + '['));
    if (found) {
      return found;
    }
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = shorter === p ? '' : shorter;
  }
  return null;
}

export function bindEditor() {
  $('#add-private').onclick = () => addPrivate();
  $('#add-implicit').onclick = () => addImplicit();
  $('#add-public').onclick = () => addPublic();
  $('#subscriber-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const doc = documentOf();
    try {
      const response = editing
        ? await call('PUT', path('subscribers', editing.id), doc, editing.etag ? { 'If-Match': editing.etag } : {})
        : await call('POST', 'subscribers', doc);
      flash('Subscriber ' + response.body.id + (editing ? ' saved' : ' created'));
      location.hash = '#/subscriber/' + encodeURIComponent(response.body.id);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        throw e;
      }
      showErrors(e);
    }
  });
}
