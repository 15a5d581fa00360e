//! The default dictionaries, compiled from `dict/` by `build.rs` (the same
//! compiler as `tocsin dict compile`) and embedded in the binary.

/// The compiled default dictionaries (`TOCSDICT` binary format); decode with
/// [`default_dictionaries`] or `tocsin_dict::Dictionaries::from_bytes`.
pub const DICTIONARIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dicts.bin"));

/// Version of the embedded dictionaries (`tocsin-dict/FORMAT HASH`), for
/// provenance in event records.
pub const DICTIONARIES_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/dicts.version"));

/// Decodes the embedded default dictionaries.
///
/// # Errors
/// Only if the embedded bytes were produced by another format version, which
/// the build prevents.
pub fn default_dictionaries() -> Result<tocsin_dict::Dictionaries, tocsin_dict::DictError> {
    tocsin_dict::Dictionaries::from_bytes(DICTIONARIES)
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_dictionaries_decode() {
        let d = super::default_dictionaries().unwrap();
        assert_eq!(d.version, super::DICTIONARIES_VERSION);
        assert!(!d.cameo.is_empty());
    }
}
