//! expand_message_xmd (SHA-256) and expand_message_xof (SHAKE-256), written to
//! RFC 9380 section 5.3. arkworks' `DefaultFieldHasher` pads XMD with `len_per_base_elem`
//! bytes, which is wrong for the BBS scalar field; these follow the RFC text exactly.

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use sha3::digest::{ExtendableOutput, Update, XofReader};
use sha3::Shake256;

/// SHA-256 input block size (Z_pad length), in bytes.
const SHA256_BLOCK: usize = 64;
/// SHA-256 output size, in bytes.
const SHA256_OUT: usize = 32;

/// expand_message_xmd with SHA-256 (RFC 9380 5.3.1) over the concatenation of `msg_parts`.
///
/// b_0 = H(Z_pad || msg || I2OSP(len, 2) || 0x00 || DST'), b_1 = H(b_0 || 0x01 || DST'),
/// b_i = H((b_0 xor b_{i-1}) || I2OSP(i, 1) || DST'), output = b_1 || .. truncated to `len`.
pub fn expand_message_xmd(msg_parts: &[&[u8]], dst: &[u8], len: usize) -> Result<Vec<u8>> {
    if dst.len() > 255 {
        return Err(Error::DstTooLong);
    }
    let ell = len.div_ceil(SHA256_OUT);
    if ell > 255 || len > 65535 || len == 0 {
        return Err(Error::ExpandLength(len));
    }
    let dst_len = [dst.len() as u8];
    let mut h = Sha256::new();
    Digest::update(&mut h, [0u8; SHA256_BLOCK]);
    for part in msg_parts {
        Digest::update(&mut h, part);
    }
    Digest::update(&mut h, (len as u16).to_be_bytes());
    Digest::update(&mut h, [0u8]);
    Digest::update(&mut h, dst);
    Digest::update(&mut h, dst_len);
    let b0 = h.finalize();

    let mut out = Vec::with_capacity(ell * SHA256_OUT);
    let mut prev = [0u8; SHA256_OUT];
    for i in 1..=ell {
        let mut chained = [0u8; SHA256_OUT];
        for (c, (b, p)) in chained.iter_mut().zip(b0.iter().zip(prev.iter())) {
            *c = b ^ p;
        }
        let mut h = Sha256::new();
        Digest::update(&mut h, chained);
        Digest::update(&mut h, [i as u8]);
        Digest::update(&mut h, dst);
        Digest::update(&mut h, dst_len);
        prev.copy_from_slice(&h.finalize());
        out.extend_from_slice(&prev);
    }
    out.truncate(len);
    Ok(out)
}

/// expand_message_xof with SHAKE-256 (RFC 9380 5.3.2) over the concatenation of `msg_parts`:
/// SHAKE256(msg || I2OSP(len, 2) || DST || I2OSP(len(DST), 1)), `len` bytes.
pub fn expand_message_xof(msg_parts: &[&[u8]], dst: &[u8], len: usize) -> Result<Vec<u8>> {
    if dst.len() > 255 {
        return Err(Error::DstTooLong);
    }
    if len > 65535 || len == 0 {
        return Err(Error::ExpandLength(len));
    }
    let mut h = Shake256::default();
    for part in msg_parts {
        h.update(part);
    }
    h.update(&(len as u16).to_be_bytes());
    h.update(dst);
    h.update(&[dst.len() as u8]);
    let mut out = vec![0u8; len];
    h.finalize_xof().read(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 9380 appendix K.1 (expand_message_xmd, SHA-256), DST "QUUX-V01-CS02-with-expander-SHA256-128".
    #[test]
    fn xmd_rfc9380_vectors() {
        let dst = b"QUUX-V01-CS02-with-expander-SHA256-128";
        let out = expand_message_xmd(&[b""], dst, 0x20).unwrap();
        assert_eq!(
            hex::encode(out),
            "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"
        );
        let out = expand_message_xmd(&[b"abc"], dst, 0x20).unwrap();
        assert_eq!(
            hex::encode(out),
            "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"
        );
    }

    // RFC 9380 appendix K.6 (expand_message_xof, SHAKE256), DST "QUUX-V01-CS02-with-expander-SHAKE256".
    #[test]
    fn xof_rfc9380_vectors() {
        let dst = b"QUUX-V01-CS02-with-expander-SHAKE256";
        let out = expand_message_xof(&[b""], dst, 0x20).unwrap();
        assert_eq!(
            hex::encode(out),
            "2ffc05c48ed32b95d72e807f6eab9f7530dd1c2f013914c8fed38c5ccc15ad76"
        );
    }

    #[test]
    fn rejects_long_dst_and_lengths() {
        let dst = [0u8; 256];
        assert_eq!(
            expand_message_xmd(&[b"a"], &dst, 32),
            Err(Error::DstTooLong)
        );
        assert_eq!(
            expand_message_xof(&[b"a"], &dst, 32),
            Err(Error::DstTooLong)
        );
        assert!(expand_message_xmd(&[b"a"], b"x", 255 * 32 + 1).is_err());
        assert!(expand_message_xmd(&[b"a"], b"x", 0).is_err());
    }

    #[test]
    fn parts_equal_concatenation() {
        let a = expand_message_xmd(&[b"ab", b"cd"], b"D", 48).unwrap();
        let b = expand_message_xmd(&[b"abcd"], b"D", 48).unwrap();
        assert_eq!(a, b);
        let a = expand_message_xof(&[b"ab", b"cd"], b"D", 48).unwrap();
        let b = expand_message_xof(&[b"abcd"], b"D", 48).unwrap();
        assert_eq!(a, b);
    }
}
