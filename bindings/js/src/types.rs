//! The TypeScript types of the package's arguments and results (`zkcred_js.d.ts`); the
//! documents themselves are described in `docs/FORMATS.md`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A zkcred JSON document (docs/FORMATS.md): its text, or the parsed object. */
export type Doc = string | object;

/** An error thrown by every call: `name` is "ZkcredError", `message` the library's one line. */
export interface ZkcredError extends Error {
  code: "invalid_input" | "request_refused" | "cannot_satisfy" | "presentation_rejected" | "wrong_passphrase";
}

export interface IssuanceStart { wallet: string; request: object }
export interface Accepted { wallet: string; credentialId: string }
export interface CredentialSummary {
  id: string; schema: string; schema_id: string;
  issuer: { id: string; name: string; tier: string; jurisdiction: string };
  issued_on: string; expires_on: string;
  /** Attribute values as text, for the holder's eyes. */
  attributes: Record<string, string>;
}
export interface SealedWallet {
  version: 1; kdf: "pbkdf2-sha256"; iterations: number; salt: string;
  cipher: "aes-256-gcm"; nonce: string; ciphertext: string;
}
export interface RequestObject {
  signedRequest: object; keys: { digest: string; uri: string }[]; responseUri: string;
}
export interface ConsentCredential {
  label: string; schema: string; schema_id: string;
  /** The issuers the verifier accepts, in words. */
  issuers: string; issuer_hidden: boolean;
  /** What the verifier learns holds, e.g. "birth_date: age at least 18 on 2026-11-30". */
  proven: string[];
  /** Attributes whose values the verifier sees. */
  disclosed: string[];
  /** Attributes whose values stay hidden. */
  hidden: string[];
  /** Ids of stored credentials that could answer. */
  candidates: string[];
}
export interface Consent {
  request_id: string; verifier: { id: string; name: string };
  made_at: string; valid_until: string; pseudonym_scope: string | null; same_holder: boolean;
  credentials: ConsentCredential[];
  /** The whole request as sentences. */
  lines: string[];
}
export type Presentation = object;
export type IssuedCredential = object;
export interface KeyPair { key: object; public: object }
export interface IssuerSpec {
  name: string; tier: "commune" | "district" | "province" | "national"; jurisdiction: string;
  jurisdiction_name?: string; suite?: "sha256" | "shake256"; hiding?: boolean;
}
export interface VerifierSpec { id: string; name: string; scopes?: string[] }
export interface RegistryEntry { issuer: Doc; schemas: string[] }
export interface MakeRequestOptions {
  registry?: Doc; keys?: Doc; now?: Date | string; validForSecs?: number;
}
export interface MadeRequest { signedRequest: object; keys: object }
export interface VerifyResult {
  version: 1; verified: true; request_id: string; verifier_id: string;
  credentials: Record<string, {
    schema_id: string;
    issuer?: { id: string; name?: string; tier?: string; jurisdiction?: string };
    hidden_issuer?: { summary: string; among: string[] };
    disclosed: Record<string, object>;
  }>;
  predicates_held: { credential: string; holds: string }[];
  same_holder: boolean;
  pseudonyms?: Record<string, string>;
}
"#;
