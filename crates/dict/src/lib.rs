//! tocsin dictionary language; PETRARCH and TABARI import
