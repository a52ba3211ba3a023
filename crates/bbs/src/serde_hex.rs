//! Serde as lowercase hex strings of the draft's octets, for types with
//! `to_bytes() -> impl AsRef<[u8]>` and `from_bytes(&[u8]) -> Result<Self>`.

/// Implements `Serialize`/`Deserialize` as a hex string of `to_bytes`/`from_bytes`.
macro_rules! impl_serde_hex {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                s.serialize_str(&hex::encode(self.to_bytes()))
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                let bytes = crate::octets::hex_decode(&s).map_err(serde::de::Error::custom)?;
                Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use impl_serde_hex;
