#include "search/domain/tokenizer.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace eda::search {
namespace {

// Decodes one UTF-8 code point at s[i]; returns its length, 0 if invalid (overlong, surrogate, cut).
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { cp = b0; return 1; }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsHangul(char32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
}

// Non-ASCII code points that separate words: spaces and the punctuation blocks.
bool IsNonAsciiSeparator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) ||      // Latin-1 controls, NBSP, symbols (¡ ¿ « » ...)
         cp == 0xD7 || cp == 0xF7 ||        // × ÷
         (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation, special spaces
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation (ideographic space, 「」)
         (cp >= 0xFE30 && cp <= 0xFE4F) ||  // CJK compatibility forms
         cp == 0xFEFF;                      // BOM / ZWNBSP
}

// Normalizes one code point: ASCII and full-width ASCII letters lower-cased; returns 0 for a separator.
char32_t Normalize(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;  // full-width ASCII
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    return 0;
  }
  return IsNonAsciiSeparator(cp) ? 0 : cp;
}

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = DecodeUtf8(s, i, cp);
    if (n == 0) { ++i; continue; }
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string Encode(const std::vector<char32_t>& cps, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t k = begin; k < end; ++k) AppendUtf8(out, cps[k]);
  return out;
}

void PushUnique(std::vector<std::string>& out, std::set<std::string>& seen, std::string term) {
  if (term.empty()) return;
  if (seen.insert(term).second) out.push_back(std::move(term));
}

}  // namespace

std::vector<std::string> Words(std::string_view text, const TokenizerLimits& limits) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  std::string current;
  std::size_t current_chars = 0;
  const auto flush = [&] {
    if (!current.empty() && words.size() < limits.max_words) PushUnique(words, seen, current);
    current.clear();
    current_chars = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = DecodeUtf8(text, i, cp);
    if (n == 0) { flush(); ++i; continue; }
    i += n;
    const char32_t norm = Normalize(cp);
    if (norm == 0) { flush(); continue; }
    if (current_chars < limits.max_word_chars) {
      AppendUtf8(current, norm);
      ++current_chars;
    }
  }
  flush();
  return words;
}

std::vector<std::string> PrefixTerms(std::string_view word, const TokenizerLimits& limits) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const std::vector<char32_t> cps = CodePoints(word);
  if (cps.empty()) return out;
  const bool hangul = std::any_of(cps.begin(), cps.end(), IsHangul);
  if (hangul) {
    // Prefixes of every suffix that starts at a Hangul syllable: Korean compound nouns are written
    // without spaces, and a buyer types the part they know.
    for (std::size_t start = 0; start < cps.size(); ++start) {
      if (start > 0 && !IsHangul(cps[start])) continue;
      const std::size_t stop = std::min(cps.size(), start + limits.max_prefix_chars);
      for (std::size_t end = start + 1; end <= stop; ++end) PushUnique(out, seen, Encode(cps, start, end));
    }
    return out;
  }
  const std::size_t stop = std::min(cps.size(), limits.max_prefix_chars);
  const std::size_t first = std::min<std::size_t>(2, cps.size());
  for (std::size_t end = first; end <= stop; ++end) PushUnique(out, seen, Encode(cps, 0, end));
  return out;
}

std::vector<std::string> IndexTerms(std::string_view text, const TokenizerLimits& limits) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& w : Words(text, limits)) {
    for (std::string& t : PrefixTerms(w, limits)) PushUnique(out, seen, std::move(t));
  }
  return out;
}

std::string QueryTerm(std::string_view word, const TokenizerLimits& limits) {
  const std::vector<char32_t> cps = CodePoints(word);
  return Encode(cps, 0, std::min(cps.size(), limits.max_prefix_chars));
}

}  // namespace eda::search
