// Small DOM helpers: every value from the API is set as text, never parsed as HTML.
export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

export function row(cells, attributes = {}) {
  return el('tr', attributes, ...cells.map((cell) => cell instanceof Node ? el('td', {}, cell) : el('td', { text: text(cell) })));
}

export function text(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function fill(table, rows) {
  const body = $('tbody', table);
  body.replaceChildren(...rows);
}

export function definitions(list, entries) {
  list.replaceChildren(...entries.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: text(value) })]));
}

export function status(message, error = false) {
  const node = $('#status');
  node.textContent = message;
  node.className = error ? 'error' : '';
}

// A message for the page about to be shown: moving to another page clears the status line, then shows it.
let flashed = '';

export function flash(message) {
  flashed = message;
}

export function takeFlash() {
  const message = flashed;
  flashed = '';
  return message;
}
