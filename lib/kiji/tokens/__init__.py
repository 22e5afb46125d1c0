"""Sentences → tokens (janome or MeCab, with the project's user dictionary); the ``tokens`` stage."""
from .stage import STAGE, tokenize_corpus
from .tokenizer import content_words, get_tokenizer, tokenize_sentences, tokenize_text

__all__ = ["STAGE", "content_words", "get_tokenizer", "tokenize_corpus", "tokenize_sentences", "tokenize_text"]
