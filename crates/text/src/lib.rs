//! Sentence splitter and tokenizer for English news, keeping byte offsets
