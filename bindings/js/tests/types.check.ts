// Compiled (not run) by `tsc -p tests/tsconfig.json`: the shipped TypeScript types describe
// the calls as the Node tests use them.
import * as zkcred from "../pkg/node/zkcred_js.js";

const issuer: zkcred.KeyPair = zkcred.newIssuer({ name: "UBND", tier: "commune", jurisdiction: "VN-44" });
const wallet: string = zkcred.newWallet();
const start: zkcred.IssuanceStart = zkcred.requestIssuance(wallet, "{}", issuer.public);
const summaries: zkcred.CredentialSummary[] = zkcred.listCredentials(start.wallet);
const firstIssuer: string | undefined = summaries[0]?.issuer.name;
const sealed: zkcred.SealedWallet = zkcred.sealWallet(wallet, "passphrase");
const opened: string = zkcred.openWallet(sealed, "passphrase");
const consent: zkcred.Consent = zkcred.describeRequest(opened, {}, {}, null, new Date());
const hidden: string[] = consent.credentials.flatMap((c) => c.hidden);
const made: zkcred.MadeRequest = zkcred.makeRequest({}, {}, [], { validForSecs: 600 });
const verifier = new zkcred.Verifier({}, {}, [], made.keys);
const result: zkcred.VerifyResult = verifier.verify(made.signedRequest, {}, "2026-11-30T08:00:00Z");
const held: string[] = result.predicates_held.map((p) => p.holds);
const object: zkcred.RequestObject = zkcred.readRequestObject("https://gw.example/v1/requests/1", "{}");
const keyUris: string[] = object.keys.map((k) => k.uri);
const open: zkcred.Wallet = zkcred.Wallet.openSealed(sealed, "passphrase");
const issuance: object = open.requestIssuance("{}", issuer.public);
const credentialId: string = open.acceptCredential({}, "{}", issuer.public);
const openConsent: zkcred.Consent = open.describeRequest(made.signedRequest, {}, undefined, "2026-11-30T08:00:00Z");
const presentation: zkcred.Presentation = open.present(made.signedRequest, {}, [made.keys], null, new Date());
const resealed: zkcred.SealedWallet = open.seal("passphrase");
const walletText: string = open.text();
open.free();
export { firstIssuer, hidden, held, keyUris, issuance, credentialId, openConsent, presentation, resealed, walletText };
