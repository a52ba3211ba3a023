// The consent screen, from describeRequest's description: who asks, which issuers it
// accepts, what is proven, what is disclosed, what stays hidden, whether the credentials are
// shown to be one person's, pseudonym or not, until when. Plain words; every value is set as
// text.
import { $, element, fillList } from './dom.js';

function credentialCard(c, i) {
  const card = element('article', undefined, { 'data-testid': `consent-credential-${i}` });
  card.append(
    element('h3', `Your ${c.schema} credential`),
    element('p', c.issuer_hidden
      ? `Issued by ${c.issuers}. The verifier does not learn which one.`
      : `Issued by ${c.issuers}.`),
  );
  for (const [key, title] of [
    ['proven', 'The verifier learns that'],
    ['disclosed', 'The verifier sees these values'],
    ['hidden', 'These stay hidden from the verifier'],
  ]) {
    const ul = element('ul', undefined, { 'data-testid': `consent-${key}-${i}`, id: `consent-${key}-${i}` });
    fillList(ul, c[key]);
    card.append(element('h4', title), ul);
  }
  return card;
}

// Fills the consent screen; returns whether the wallet holds a credential for every part.
export function renderConsent(consent) {
  $('consent-verifier').textContent = `${consent.verifier.name} (${consent.verifier.id})`;
  $('consent-until').textContent = consent.valid_until;
  $('consent-credentials').replaceChildren(...consent.credentials.map(credentialCard));
  $('consent-same-holder').hidden = !(consent.same_holder && consent.credentials.length > 1);
  $('consent-pseudonym').textContent = consent.pseudonym_scope
    ? `The verifier gets a pseudonym for "${consent.pseudonym_scope}": the same each time you answer it for this purpose, unlinkable to anything else.`
    : 'The verifier gets no identifier: this answer cannot be linked to any other.';
  const answerable = consent.credentials.every((c) => c.candidates.length > 0);
  $('consent-cannot').hidden = answerable;
  $('consent-send').hidden = !answerable;
  return answerable;
}
