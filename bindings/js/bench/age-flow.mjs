// The age presentation timed through the package, in any JavaScript host (Node, a browser):
// one identity credential, "at least 18" on the hidden birth date (and the validity defaults:
// two hidden date proofs), the same request as bindings/core/benches/age.rs times natively.
// The first answer (key structure check, first proof) is timed apart from the steady state;
// `prove_ms` reads the wallet's text at each call (signatures checked), `prove_open_wallet_ms`
// answers from a `Wallet` kept open.

const spec = {
  version: 1,
  credentials: [{
    label: "identity",
    schema: "vn.commune.identity",
    predicates: [{ attribute: "birth_date", predicate: { age_at_least: { years: 18, today: "today" } } }],
  }],
};

const attributes = {
  full_name: { string: "Nguyễn Thị Mai" },
  birth_date: { date: "2001-04-02" },
  commune: { enumeration: "my_hoa_hung" },
};

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Times `runs` answers and verifications; every request is fresh (a nonce is spent once). */
export function benchAge(zkcred, schema, runs = 20) {
  const commune = zkcred.newIssuer({ name: "UBND xã Mỹ Hòa Hưng", tier: "commune", jurisdiction: "VN-44" });
  const start = zkcred.requestIssuance(zkcred.newWallet(), schema, commune.public);
  const issued = zkcred.issue(commune.key, schema, start.request, { attributes, issued_on: "2026-01-01", expires_on: "2030-12-31" });
  const wallet = zkcred.acceptCredential(start.wallet, issued, schema, commune.public).wallet;
  const [stored] = zkcred.listCredentials(wallet);
  const registry = zkcred.trustRegistry([{ issuer: commune.public, schemas: [stored.schema_id] }]);
  const clinic = zkcred.newVerifier({ id: "clinic", name: "Phòng khám" });
  const verifiers = zkcred.verifierRegistry([clinic.public]);
  let keys;
  const requests = [];
  for (let i = 0; i <= runs; i++) {
    const made = zkcred.makeRequest(clinic.key, spec, [schema], { keys, validForSecs: 3600 });
    keys = made.keys;
    requests.push(made.signedRequest);
  }
  // The keys as text: the form a wallet receives them in.
  const keysText = JSON.stringify(keys);
  const verifier = new zkcred.Verifier(clinic.public, registry, [schema], keysText);
  const open = zkcred.Wallet.open(wallet);
  const prove = [];
  const proveOpen = [];
  const verify = [];
  let first;
  requests.forEach((request, i) => {
    const t0 = performance.now();
    const presentation = zkcred.present(wallet, request, verifiers, keysText);
    const t1 = performance.now();
    const result = verifier.verify(request, presentation);
    const t2 = performance.now();
    if (i > 0) {
      // The same answer from a wallet kept open (not verified: the request's nonce is spent once).
      const s = performance.now();
      open.present(request, verifiers, keysText);
      proveOpen.push(performance.now() - s);
    }
    if (!result.verified) throw new Error("not verified");
    if (i === 0) first = t1 - t0;
    else {
      prove.push(t1 - t0);
      verify.push(t2 - t1);
    }
  });
  open.free();
  return {
    runs,
    first_prove_ms: first,
    prove_ms: median(prove),
    prove_open_wallet_ms: median(proveOpen),
    verify_ms: median(verify),
  };
}
