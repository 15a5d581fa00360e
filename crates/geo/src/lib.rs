//! Embedded gazetteer, place recognition and event geolocation
