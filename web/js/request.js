// A request by reference (docs/GATEWAY.md, OpenID4VP shaped), the wallet's side: where the
// request is, fetching and checking it before anything is shown, and posting the answer.
import * as zkcred from '../pkg/zkcred_js.js';

// A refusal: the request failed a check; nothing is shown to consent to, nothing posted.
export class Refused extends Error {}

// The request URI in what the holder gave: an `openid4vp://?client_id=..&request_uri=..`
// link, a link to this wallet with `?request_uri=..`, or the request URI itself. Returns
// {requestUri, clientId} (clientId null when the link names none).
export function requestTarget(link) {
  const text = link.trim();
  let params = null;
  if (text.startsWith('openid4vp:')) {
    params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
  } else if (/^https?:\/\//.test(text) && new URL(text).searchParams.has('request_uri')) {
    params = new URL(text).searchParams;
  }
  const requestUri = params ? params.get('request_uri') : text;
  if (!requestUri || !/^https?:\/\//.test(requestUri)) {
    throw new Refused('the link names no http(s) request address');
  }
  return { requestUri, clientId: params ? params.get('client_id') : null };
}

// A GET with no cookies and no redirects: the body's text, or a Refused with the reason.
async function fetchText(url, what) {
  let r;
  try {
    r = await fetch(url, { credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' });
  } catch {
    throw new Refused(`the ${what} could not be fetched from ${url}`);
  }
  const text = await r.text();
  if (!r.ok) throw new Refused(`the ${what} could not be fetched (${r.status}): ${gatewayMessage(text)}`);
  return text;
}

// The gateway's error message in a JSON error body {error, message}, else the status text.
function gatewayMessage(text) {
  try {
    const body = JSON.parse(text);
    return body.message || body.error || text;
  } catch {
    return text.slice(0, 200);
  }
}

// A library error raised by a check, as a refusal with the library's reason.
function checked(fn) {
  try {
    return fn();
  } catch (e) {
    throw new Refused(e.message);
  }
}

// Fetches and checks the request at `link` against the holder's registries, in this order:
// every URL of the request object on the request URI's origin (readRequestObject); the
// request's signature and pseudonym scope against the verifier registry and its window on
// the holder's clock (describeRequest); the link's client_id, if any, names that verifier;
// each key has the digest the object names (checkKey). Returns what the consent screen
// shows and what `answer` needs. `wallet` is the open zkcred.Wallet.
export async function loadRequest(wallet, { verifiers, issuers }, link) {
  if (!verifiers) throw new Refused('no trusted verifiers yet: import the verifier registry in Settings');
  const { requestUri, clientId } = requestTarget(link);
  const objectText = await fetchText(requestUri, 'request');
  const object = checked(() => zkcred.readRequestObject(requestUri, objectText));
  const consent = checked(() => wallet.describeRequest(object.signedRequest, verifiers, issuers, new Date()));
  if (clientId !== null && clientId !== consent.verifier.id) {
    throw new Refused(`the link names verifier '${clientId}' but the request is signed by '${consent.verifier.id}'`);
  }
  const keys = [];
  for (const { digest, uri } of object.keys) {
    const key = await fetchText(uri, 'key');
    checked(() => zkcred.checkKey(key, digest));
    keys.push(key);
  }
  return { consent, signedRequest: object.signedRequest, keys: `[${keys.join(',')}]`, responseUri: object.responseUri };
}

// Proves the answer and posts it to the request's response URI: {accepted, message}.
export async function answer(wallet, { verifiers, issuers }, loaded) {
  const presentation = wallet.present(loaded.signedRequest, verifiers, loaded.keys, issuers, new Date());
  const r = await fetch(loaded.responseUri, {
    method: 'POST',
    credentials: 'omit',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(presentation),
  });
  const text = await r.text();
  return { accepted: r.ok, message: r.ok ? 'The verifier accepted your answer.' : gatewayMessage(text) };
}
