//! Typed errors: every variant names the check that failed.

use core::fmt;

/// A group element of a proof, a commitment or a key, named in errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    /// Groth16 proof element `A` (G1).
    ProofA,
    /// Groth16 proof element `B` (G2).
    ProofB,
    /// Groth16 proof element `C` (G1).
    ProofC,
    /// The commitment `D = sum_i w_i·IC_i + v·IC_{t+1}` (G1).
    CommitmentD,
    /// The Schnorr commitment `T_D` (G1).
    OpeningT,
    /// Verifying key `alpha_g1`.
    VkAlphaG1,
    /// Verifying key `beta_g2`.
    VkBetaG2,
    /// Verifying key `gamma_g2`.
    VkGammaG2,
    /// Verifying key `delta_g2`.
    VkDeltaG2,
    /// Verifying key input base `IC_i = gamma_abc_g1[i]`.
    VkIc(usize),
    /// Proving key `beta_g1`.
    PkBetaG1,
    /// Proving key `delta_g1`.
    PkDeltaG1,
    /// Proving key `a_query[i]`.
    PkAQuery(usize),
    /// Proving key `b_g1_query[i]`.
    PkBG1Query(usize),
    /// Proving key `b_g2_query[i]`.
    PkBG2Query(usize),
    /// Proving key `h_query[i]`.
    PkHQuery(usize),
    /// Proving key `l_query[i]`.
    PkLQuery(usize),
    /// Published power `[τ^k]_1` (k = 0 is the key's G1 generator).
    TauPowerG1(usize),
    /// Published G2 generator `[1]_2`.
    TauG2Generator,
    /// Published `[τ]_2`.
    TauG2,
    /// Published `[τ^n]_2`.
    TauNG2,
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Element::ProofA => f.write_str("proof element A"),
            Element::ProofB => f.write_str("proof element B"),
            Element::ProofC => f.write_str("proof element C"),
            Element::CommitmentD => f.write_str("commitment D"),
            Element::OpeningT => f.write_str("opening commitment T_D"),
            Element::VkAlphaG1 => f.write_str("verifying key alpha_g1"),
            Element::VkBetaG2 => f.write_str("verifying key beta_g2"),
            Element::VkGammaG2 => f.write_str("verifying key gamma_g2"),
            Element::VkDeltaG2 => f.write_str("verifying key delta_g2"),
            Element::VkIc(i) => write!(f, "verifying key IC_{i}"),
            Element::PkBetaG1 => f.write_str("proving key beta_g1"),
            Element::PkDeltaG1 => f.write_str("proving key delta_g1"),
            Element::PkAQuery(i) => write!(f, "proving key a_query[{i}]"),
            Element::PkBG1Query(i) => write!(f, "proving key b_g1_query[{i}]"),
            Element::PkBG2Query(i) => write!(f, "proving key b_g2_query[{i}]"),
            Element::PkHQuery(i) => write!(f, "proving key h_query[{i}]"),
            Element::PkLQuery(i) => write!(f, "proving key l_query[{i}]"),
            Element::TauPowerG1(k) => write!(f, "published power [tau^{k}]_1"),
            Element::TauG2Generator => f.write_str("published G2 generator [1]_2"),
            Element::TauG2 => f.write_str("published [tau]_2"),
            Element::TauNG2 => f.write_str("published [tau^n]_2"),
        }
    }
}

/// One equation family of the holder's key structure check ([`crate::check_key_structure`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StructureCheck {
    /// `e([τ^{k+1}]_1, [1]_2) = e([τ^k]_1, [τ]_2)`: the published powers are of one τ.
    PowersChain,
    /// `e([τ^n]_1, [1]_2) = e([1]_1, [τ^n]_2)`.
    TauNG2,
    /// `e(β_1, [1]_2) = e([1]_1, β_2)`.
    Beta,
    /// `e(δ_1, [1]_2) = e([1]_1, δ_2)`.
    Delta,
    /// `a_query[i] = [u_i(τ)]_1`.
    AQuery,
    /// `b_g1_query[i] = [v_i(τ)]_1`.
    BG1Query,
    /// `e(b_g1_query[i], [1]_2) = e([1]_1, b_g2_query[i])`.
    BG2Query,
    /// `e(IC_i, γ_2) = e([u_i]_1, β_2)·e(α_1, [v_i]_2)·e([w_i]_1, [1]_2)`.
    InputBases,
    /// `e(L_i, δ_2) = e([u_i]_1, β_2)·e(α_1, [v_i]_2)·e([w_i]_1, [1]_2)`.
    LQuery,
    /// `e(h_query[j], δ_2) = e([τ^j]_1, [τ^n]_2 − [1]_2)`, i.e. `h_query[j] = [τ^j t(τ)/δ]_1`.
    HQuery,
    /// The batched equation failed but no family alone did (probability ~2^-120).
    Batched,
}

impl fmt::Display for StructureCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StructureCheck::PowersChain => "the powers of tau are not powers of one tau",
            StructureCheck::TauNG2 => "[tau^n]_2 is not the G2 twin of [tau^n]_1",
            StructureCheck::Beta => "beta_g1 and beta_g2 differ",
            StructureCheck::Delta => "delta_g1 and delta_g2 differ",
            StructureCheck::AQuery => "a_query is not [u_i(tau)]_1",
            StructureCheck::BG1Query => "b_g1_query is not [v_i(tau)]_1",
            StructureCheck::BG2Query => "b_g2_query is not [v_i(tau)]_2",
            StructureCheck::InputBases => {
                "an IC base is not [(beta u_i + alpha v_i + w_i)/gamma]_1"
            }
            StructureCheck::LQuery => "l_query is not [(beta u_i + alpha v_i + w_i)/delta]_1",
            StructureCheck::HQuery => "h_query is not [tau^j t(tau)/delta]_1",
            StructureCheck::Batched => "the batched structure equation",
        })
    }
}

/// Everything that can go wrong in this crate. Each variant names the failed check.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnarkError {
    /// ark-relations reported an error while synthesizing the circuit.
    #[error("constraint synthesis failed: {0}")]
    Synthesis(String),
    /// The circuit has fewer than `t + 1` instance inputs (t committed values and the blinding v).
    #[error("circuit has {instance_inputs} instance inputs, fewer than {num_committed} committed values + 1 blinding")]
    TooFewInstanceInputs {
        /// Instance inputs of the circuit (without the constant one).
        instance_inputs: usize,
        /// Requested number t of committed values.
        num_committed: usize,
    },
    /// The circuit given to the prover does not have the shape the proving key was made for.
    #[error("circuit does not match the proving key: {what} is {got}, key expects {expected}")]
    CircuitShapeMismatch {
        /// Which quantity differs.
        what: &'static str,
        /// Value the key expects.
        expected: usize,
        /// Value the circuit has.
        got: usize,
    },
    /// The circuit uses non-R1CS predicates, which Groth16 cannot prove.
    #[error("circuit uses constraints other than R1CS")]
    UnsupportedConstraints,
    /// Wrong number of committed values `w`.
    #[error("expected {expected} committed values, got {got}")]
    WrongNumberOfCommittedValues {
        /// t.
        expected: usize,
        /// Given.
        got: usize,
    },
    /// Wrong number of blindings `m~`.
    #[error("expected {expected} blindings, got {got}")]
    WrongNumberOfBlindings {
        /// t.
        expected: usize,
        /// Given.
        got: usize,
    },
    /// Wrong number of responses `m^`.
    #[error("expected {expected} responses, got {got}")]
    WrongNumberOfResponses {
        /// t.
        expected: usize,
        /// Given.
        got: usize,
    },
    /// Wrong number of public parameters `p`.
    #[error("expected {expected} public parameters, got {got}")]
    WrongNumberOfPublicParams {
        /// k.
        expected: usize,
        /// Given.
        got: usize,
    },
    /// The committed value given to the prover differs from the circuit's instance input.
    #[error("committed value w_{index} differs from the circuit's instance input {index}")]
    CommittedValueMismatch {
        /// 1-based index i of w_i.
        index: usize,
    },
    /// The blinding input v appears in a constraint; it must be free in the circuit.
    #[error("the blinding v (instance input {index}) is used by a constraint; it must be free")]
    BlindingNotFree {
        /// Instance index t+1.
        index: usize,
    },
    /// The witness does not satisfy the circuit.
    #[error("the witness does not satisfy R1CS constraint {index}")]
    Unsatisfied {
        /// Index of the first unsatisfied constraint.
        index: usize,
    },
    /// A point is not on the curve, not in the prime-order subgroup, or not a valid encoding.
    #[error("{0}: not a valid point of the prime-order subgroup")]
    InvalidPoint(Element),
    /// A point that must not be the identity is the identity.
    #[error("{0}: is the identity")]
    IdentityPoint(Element),
    /// Two IC bases of a verifying key are equal.
    #[error("verifying key IC_{first} and IC_{second} are equal")]
    RepeatedIcBase {
        /// Smaller index.
        first: usize,
        /// Larger index.
        second: usize,
    },
    /// The Groth16 pairing equation does not hold.
    #[error("Groth16 pairing check failed")]
    PairingCheckFailed,
    /// The Schnorr opening of D does not reproduce T_D.
    #[error("Schnorr opening of D does not match T_D")]
    OpeningCheckFailed,
    /// The proving key and verifying key do not belong together.
    #[error("proving and verifying keys differ: {0}")]
    KeyMismatch(&'static str),
    /// A proving key comes without the powers of tau that let a holder check its structure.
    #[error(
        "proving key carries no powers of tau: its structure cannot be checked (re-run setup)"
    )]
    MissingTauPowers,
    /// A key is not the Groth16 key of the circuit for one trapdoor: the named check failed.
    #[error("key structure check failed: {0}")]
    KeyStructure(StructureCheck),
    /// A key's vector lengths are inconsistent.
    #[error("malformed key: {0}")]
    MalformedKey(&'static str),
    /// An encoding has the wrong length.
    #[error("invalid encoding length: expected {expected} bytes, got {got}")]
    InvalidLength {
        /// Expected length.
        expected: usize,
        /// Given length.
        got: usize,
    },
    /// An encoding ends early.
    #[error("encoding truncated")]
    Truncated,
    /// An encoding has bytes after its end.
    #[error("{0} trailing bytes after the encoding")]
    TrailingBytes(usize),
    /// A scalar encoding is not canonical (>= r).
    #[error("scalar encoding is not canonical (>= r)")]
    NonCanonicalScalar,
    /// A hex string is malformed (a character outside `0-9 a-f A-F`, or an odd length).
    #[error("invalid hex string")]
    InvalidHex,
}

/// Result with [`SnarkError`].
pub type Result<T> = core::result::Result<T, SnarkError>;

impl From<ark_relations::gr1cs::SynthesisError> for SnarkError {
    fn from(e: ark_relations::gr1cs::SynthesisError) -> Self {
        SnarkError::Synthesis(e.to_string())
    }
}
