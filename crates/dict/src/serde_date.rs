//! Compact serde form of `Option<Date>` for the binary format: core's `Date`
//! serializes as a display string (for JSON output), which its derived
//! `Deserialize` cannot read back, so dictionaries store dates as tuples.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tocsin_core::{Date, DatePrecision};

/// Serializes an optional date as `(year, month, day, precision)`.
///
/// # Errors
/// Propagates the serializer's errors.
pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    d.map(|d| {
        let p: u8 = match d.precision {
            DatePrecision::Year => 0,
            DatePrecision::Month => 1,
            DatePrecision::Day => 2,
        };
        (d.year, d.month, d.day, p)
    })
    .serialize(s)
}

/// Reads what [`serialize`] wrote.
///
/// # Errors
/// Propagates the deserializer's errors.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let t: Option<(i32, u8, u8, u8)> = Option::deserialize(d)?;
    Ok(t.map(|(year, month, day, p)| Date {
        year,
        month,
        day,
        precision: match p {
            0 => DatePrecision::Year,
            1 => DatePrecision::Month,
            _ => DatePrecision::Day,
        },
    }))
}
