//! tocsin: raw news text to auditable political event data
