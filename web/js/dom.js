// Small DOM helpers: elements by id, one screen at a time, status and error text, files
// read into text areas. Text is always set with textContent (never HTML).

export const $ = (id) => document.getElementById(id);

const SCREENS = ['loading', 'setup', 'unlock', 'wallet', 'consent', 'refused', 'outcome'];

export function show(screen) {
  for (const id of SCREENS) $(id).hidden = id !== screen;
  setStatus('');
}

export function setStatus(text) {
  $('status').textContent = text;
}

// `items` as <li>s of list `ul` (an empty list gets one "none" item).
export function fillList(ul, items, none = 'nothing') {
  ul.replaceChildren(...(items.length ? items : [none]).map((t) => element('li', t)));
}

export function element(tag, text, attributes = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

// Runs `work` with the status line saying `what` and the page's buttons disabled; an error
// goes to `errorId`'s text (the message only: errors never carry secrets).
export async function busy(what, work, errorId) {
  const buttons = [...document.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  setStatus(what);
  if (errorId) $(errorId).textContent = '';
  const done = () => { if ($('status').textContent === what) setStatus(''); };
  try {
    const result = await work();
    done();
    return result;
  } catch (e) {
    done();
    if (!errorId) throw e;
    $(errorId).textContent = e.message;
    return undefined;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// Every <input type=file data-fill=ID> puts the chosen file's text into text area ID.
export function wireFileInputs() {
  for (const input of document.querySelectorAll('input[type=file][data-fill]')) {
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (file) $(input.dataset.fill).value = await file.text();
    });
  }
}

// Lets the holder save `text` as a file from link `a`.
export function offerDownload(a, text) {
  if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
}
