//! The header every tocsin binary format starts with: a magic tag naming the
//! format, then its version as a little-endian `u32`. Reading another format or
//! version is an error that names both, so an old model never loads silently.

/// The bytes do not start with the expected header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// Another magic tag (or too few bytes for one).
    Magic { expected: String, found: String },
    /// The right format at another version.
    Version { expected: u32, found: u32 },
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::Magic { expected, found } => {
                write!(f, "expected magic tag {expected:?}, found {found:?}")
            }
            HeaderError::Version { expected, found } => {
                write!(
                    f,
                    "format version {found} is not supported (this build reads version {expected})"
                )
            }
        }
    }
}

impl std::error::Error for HeaderError {}

/// Checks the header and returns the payload after it.
///
/// # Errors
/// [`HeaderError`] naming what was expected and what was found.
pub fn split_header<'a>(
    bytes: &'a [u8],
    magic: &[u8],
    version: u32,
) -> Result<&'a [u8], HeaderError> {
    let found_magic = bytes.get(..magic.len());
    if found_magic != Some(magic) {
        let shown = &bytes[..bytes.len().min(magic.len())];
        return Err(HeaderError::Magic {
            expected: String::from_utf8_lossy(magic).into_owned(),
            found: String::from_utf8_lossy(shown).into_owned(),
        });
    }
    let rest = &bytes[magic.len()..];
    let Some(v) = rest.get(..4) else {
        return Err(HeaderError::Version {
            expected: version,
            found: 0,
        });
    };
    let found = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
    if found != version {
        return Err(HeaderError::Version {
            expected: version,
            found,
        });
    }
    Ok(&rest[4..])
}

/// The header for a payload: magic then version.
#[must_use]
pub fn header(magic: &[u8], version: u32) -> Vec<u8> {
    let mut v = magic.to_vec();
    v.extend_from_slice(&version.to_le_bytes());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip_and_errors_name_both_sides() {
        let mut b = header(b"TESTMAGC", 3);
        b.push(42);
        assert_eq!(split_header(&b, b"TESTMAGC", 3), Ok(&[42u8][..]));
        let e = split_header(&b, b"TESTMAGC", 4).unwrap_err();
        assert_eq!(
            e.to_string(),
            "format version 3 is not supported (this build reads version 4)"
        );
        let e = split_header(b"NOPE", b"TESTMAGC", 3).unwrap_err();
        assert!(
            e.to_string().contains("\"TESTMAGC\", found \"NOPE\""),
            "{e}"
        );
        assert!(split_header(b"TESTMAGC\x03", b"TESTMAGC", 3).is_err());
    }
}
