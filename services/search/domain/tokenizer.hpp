#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eda::search {

// Text -> index terms for the name search. Pure functions; thread-safe.
//
// Words are maximal runs of word characters: ASCII letters and digits, Hangul (syllables U+AC00-U+D7A3,
// Jamo, compatibility Jamo) and any other non-ASCII code point that is not white space or
// punctuation (so Latin-1 letters, CJK and the like stay inside words). ASCII letters are lower-cased
// (and full-width ASCII folded to ASCII); invalid UTF-8 bytes separate words.
struct TokenizerLimits {
  std::size_t max_word_chars = 40;    // longer words are cut (code points)
  std::size_t max_prefix_chars = 20;  // prefixes are indexed up to this length (code points)
  std::size_t max_words = 64;         // words beyond this many are ignored
};

// The words of `text`, normalized, in order, duplicates removed.
std::vector<std::string> Words(std::string_view text, const TokenizerLimits& limits = {});

// The prefix terms of a word, each a valid query term:
//  - Hangul words: every syllable prefix ("노트북" -> 노, 노트, 노트북) and, for compound nouns, the
//    prefixes of every suffix starting at a syllable ("게이밍노트북" also gives 노, 노트, 노트북, ...);
//  - other words: prefixes of at least 2 code points (a one-letter word indexes itself).
// Prefixes are capped at max_prefix_chars. Duplicates removed.
std::vector<std::string> PrefixTerms(std::string_view word, const TokenizerLimits& limits = {});

// All prefix terms of all words of `text` (the "tok" index entries of a product name).
std::vector<std::string> IndexTerms(std::string_view text, const TokenizerLimits& limits = {});

// The query form of a word: the normalized word cut to max_prefix_chars (so it can be looked up in
// the prefix index).
std::string QueryTerm(std::string_view word, const TokenizerLimits& limits = {});

}  // namespace eda::search
