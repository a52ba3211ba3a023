//! Display text: what a name shown to people (issuer and jurisdiction names, verifier names,
//! pseudonym scopes, enumeration labels) may contain, and how untrusted text is quoted in
//! error messages.
//!
//! A name is printed to holders and verifiers (wallet lists, the verify output, error lines),
//! so it must read as what it is. Besides control characters, [`check_text`] refuses:
//!
//! - **bidirectional formatting characters** (U+061C, U+200E, U+200F, U+202A..U+202E,
//!   U+2066..U+2069): they reorder the text around them, so `U+202E` can make a name, or the
//!   rest of a line it is printed in, read backwards;
//! - **invisible characters**: zero-width characters (U+200B..U+200D, U+2060..U+2064,
//!   U+FEFF), the soft hyphen U+00AD, U+180E, the other format characters of Unicode
//!   (category Cf: U+0600..U+0605, U+06DD, U+070F, U+206A..U+206F, U+FFF9..U+FFFB, tags
//!   U+E0001 and U+E0020..U+E007F, ...), variation selectors (U+FE00..U+FE0F,
//!   U+E0100..U+E01EF), the combining grapheme joiner U+034F, the Hangul fillers
//!   (U+115F, U+1160, U+3164, U+FFA0) and the line and paragraph separators U+2028, U+2029.
//!   Each makes two different names look the same, or breaks a line.
//!
//! Letters with combining marks are ordinary text: Vietnamese names pass composed (NFC) and
//! decomposed (NFD) alike. Names are not normalised: they are compared byte for byte.

use thiserror::Error;

/// Why a display text was refused. Each variant names the offending code point.
#[derive(Debug, Error, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// The text is empty.
    #[error("it is empty")]
    Empty,
    /// The text has more characters than allowed.
    #[error("it has {got} characters, more than {max}")]
    TooLong {
        /// The most characters allowed.
        max: usize,
        /// The number of characters given.
        got: usize,
    },
    /// A control character (C0, DEL, C1), e.g. a newline.
    #[error("it contains {}, a control character", code_point(*.0))]
    Control(char),
    /// A bidirectional formatting character, which reorders the text around it.
    #[error("it contains {}, a bidirectional control character", code_point(*.0))]
    Bidi(char),
    /// An invisible or zero-width character, which makes different texts look the same.
    #[error("it contains {}, an invisible character", code_point(*.0))]
    Invisible(char),
}

impl TextError {
    /// The refused character, if the problem is one.
    pub fn character(&self) -> Option<char> {
        match self {
            TextError::Control(c) | TextError::Bidi(c) | TextError::Invisible(c) => Some(*c),
            TextError::Empty | TextError::TooLong { .. } => None,
        }
    }
}

/// `c` as `U+XXXX` (at least four hex digits, uppercase as Unicode writes them).
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Checks a display text: 1..=`max` characters, none of them a control, bidirectional
/// formatting or invisible character (see the module docs). Reports the first problem.
pub fn check_text(s: &str, max: usize) -> Result<(), TextError> {
    if s.is_empty() {
        return Err(TextError::Empty);
    }
    let got = s.chars().count();
    if got > max {
        return Err(TextError::TooLong { max, got });
    }
    match s.chars().find_map(refused) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The problem with `c` in a display text, if any.
pub fn refused(c: char) -> Option<TextError> {
    if c.is_control() {
        Some(TextError::Control(c))
    } else if is_bidi_control(c) {
        Some(TextError::Bidi(c))
    } else if is_invisible(c) {
        Some(TextError::Invisible(c))
    } else {
        None
    }
}

/// The bidirectional formatting characters: ALM, LRM, RLM, the embeddings and overrides
/// (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI, FSI, PDI).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible characters that are not bidirectional controls (see the module docs): the
/// format characters (Unicode category Cf), variation selectors, the combining grapheme
/// joiner, the Hangul fillers and the line and paragraph separators.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// `word` after its indefinite article, for kind names in messages: `an integer`, `a date`.
pub fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// `s` with every character that [`check_text`] refuses written as `<U+XXXX>`: untrusted
/// text quoted in an error line can then neither reorder the line, nor break it, nor hide.
pub fn escape_invisible(s: &str) -> String {
    if !s.chars().any(|c| refused(c).is_some()) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if refused(c).is_some() {
            out.push('<');
            out.push_str(&code_point(c));
            out.push('>');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "UBND xã Mỹ Hòa Hưng", composed.
    const NFC: &str = "UBND x\u{E3} M\u{1EF9} H\u{F2}a H\u{1B0}ng";
    /// The same name decomposed: base letters and combining marks.
    const NFD: &str = "UBND xa\u{303} My\u{303} Ho\u{300}a Hu\u{31B}ng";

    #[test]
    fn vietnamese_names_pass_composed_and_decomposed() {
        assert_eq!(NFC, "UBND xã Mỹ Hòa Hưng");
        assert_ne!(NFC, NFD);
        for name in [
            NFC,
            NFD,
            "Phòng khám Đa khoa",
            "Ủy ban nhân dân tỉnh Đồng Tháp",
        ] {
            assert_eq!(check_text(name, 256), Ok(()), "{name}");
        }
        // Combining marks stacked on one letter (ệ = e + circumflex + dot below).
        assert_eq!(check_text("Nguye\u{302}\u{323}n", 256), Ok(()));
    }

    #[test]
    fn bidi_controls_are_refused_with_their_code_point() {
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            let name = format!("UBND {c}xã");
            assert_eq!(check_text(&name, 256), Err(TextError::Bidi(c)), "{c:?}");
        }
        let e = check_text("UBND \u{202E}gnuH", 256).unwrap_err();
        assert!(e.to_string().contains("U+202E"), "{e}");
        assert_eq!(e.character(), Some('\u{202E}'));
    }

    #[test]
    fn invisible_characters_are_refused() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{180E}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{034F}',
            '\u{3164}',
            '\u{2028}',
            '\u{E0041}',
        ] {
            let name = format!("An{c} Giang");
            assert_eq!(
                check_text(&name, 256),
                Err(TextError::Invisible(c)),
                "{c:?}"
            );
        }
        assert!(TextError::Invisible('\u{200B}')
            .to_string()
            .contains("U+200B"));
    }

    #[test]
    fn controls_length_and_emptiness() {
        assert_eq!(check_text("", 8), Err(TextError::Empty));
        assert_eq!(
            check_text("abcdefghi", 8),
            Err(TextError::TooLong { max: 8, got: 9 })
        );
        // Characters, not bytes.
        assert_eq!(check_text("ữữữữữữữữ", 8), Ok(()));
        assert_eq!(check_text("a\nb", 8), Err(TextError::Control('\n')));
        assert_eq!(check_text("a\u{85}b", 8), Err(TextError::Control('\u{85}')));
        assert_eq!(code_point('\n'), "U+000A");
        assert_eq!(code_point('\u{E0100}'), "U+E0100");
    }

    #[test]
    fn articles() {
        assert_eq!(with_article("integer"), "an integer");
        assert_eq!(with_article("enumeration"), "an enumeration");
        assert_eq!(with_article("date"), "a date");
    }

    #[test]
    fn escaping_shows_code_points_and_keeps_ordinary_text() {
        assert_eq!(escape_invisible(NFD), NFD);
        assert_eq!(escape_invisible("a\u{202E}b\nc"), "a<U+202E>b<U+000A>c");
    }
}
