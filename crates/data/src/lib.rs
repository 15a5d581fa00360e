//! The default dictionaries and trained models, embedded
