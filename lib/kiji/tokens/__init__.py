"""Sentences → tokens (janome with the project's user dictionary)."""
from .tokenizer import content_words, get_tokenizer, tokenize_corpus, tokenize_sentences, tokenize_text

__all__ = ["content_words", "get_tokenizer", "tokenize_corpus", "tokenize_sentences", "tokenize_text"]
