// The list of stored credentials: schema, issuer, validity, attribute values.
import { $, element } from './dom.js';

function card(c) {
  const li = element('li', undefined, { 'data-testid': 'credential' });
  const dl = element('dl');
  for (const [name, value] of Object.entries(c.attributes)) {
    dl.append(element('dt', name), element('dd', value));
  }
  li.append(
    element('h3', c.schema),
    element('p', `Issued by ${c.issuer.name} (${c.issuer.tier}, ${c.issuer.jurisdiction})`),
    element('p', `Valid from ${c.issued_on} to ${c.expires_on}`),
    dl,
  );
  return li;
}

export function renderCredentials(list) {
  $('credentials').replaceChildren(...list.map(card));
  $('credentials-empty').hidden = list.length > 0;
}
