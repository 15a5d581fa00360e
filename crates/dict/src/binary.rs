//! The compiled binary form: `TOCSDICT`, a little-endian u32 format version,
//! then the postcard-encoded [`Dictionaries`].

use crate::diag::DictError;
use crate::model::Dictionaries;

/// Magic tag at the start of every compiled dictionary.
pub const MAGIC: &[u8; 8] = b"TOCSDICT";
/// Version of the binary layout; bump on any change to the model types.
pub const FORMAT_VERSION: u32 = 2;

impl Dictionaries {
    /// Encodes the dictionaries (magic, version, payload).
    ///
    /// # Errors
    /// Only if serialization fails, which would be a bug.
    pub fn to_bytes(&self) -> Result<Vec<u8>, DictError> {
        let mut out = Vec::with_capacity(1 << 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let payload = postcard::to_stdvec(self).map_err(|e| DictError::Corrupt(e.to_string()))?;
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Decodes what [`Dictionaries::to_bytes`] wrote.
    ///
    /// # Errors
    /// Wrong magic, another format version (the error names both), or a
    /// corrupt payload.
    pub fn from_bytes(bytes: &[u8]) -> Result<Dictionaries, DictError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            let head = &bytes[..bytes.len().min(8)];
            return Err(DictError::BadMagic {
                found: String::from_utf8_lossy(head).into_owned(),
            });
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let found = u32::from_le_bytes(v);
        if found != FORMAT_VERSION {
            return Err(DictError::Version {
                found,
                expected: FORMAT_VERSION,
            });
        }
        postcard::from_bytes(&bytes[12..]).map_err(|e| DictError::Corrupt(e.to_string()))
    }
}
