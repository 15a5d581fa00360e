//! POS tagger and lemmatizer trained on UD English
