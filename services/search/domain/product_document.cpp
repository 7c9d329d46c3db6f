#include "search/domain/product_document.hpp"

#include <algorithm>

#include "search/domain/tokenizer.hpp"

namespace eda::search {

std::string NormalizeTag(std::string_view tag) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!tag.empty() && is_space(tag.front())) tag.remove_prefix(1);
  while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
  std::string out(tag);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

IndexDocument MakeDocument(const ProductChange& change) {
  IndexDocument doc;
  doc.product = change.product;
  doc.product.tags.clear();
  for (const std::string& t : change.product.tags) {
    std::string n = NormalizeTag(t);
    if (n.empty()) continue;
    if (std::find(doc.product.tags.begin(), doc.product.tags.end(), n) == doc.product.tags.end()) {
      doc.product.tags.push_back(std::move(n));
    }
  }
  doc.words = Words(change.product.name);
  doc.terms = IndexTerms(change.product.name);
  doc.version_ms = change.version_ms;
  return doc;
}

namespace {
// The store separates list fields with \x1f and builds keys from tags: refuse what would break it.
bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}
}  // namespace

std::optional<std::string> ValidateChange(const ProductChange& change) {
  if (change.product.product_id <= 0) return "product_id must be positive";
  if (change.version_ms <= 0) return "changed_at is missing or invalid";
  if (change.kind == ChangeKind::kDelete) return std::nullopt;
  if (change.product.price < 0) return "product_price must not be negative";
  for (const std::string& t : change.product.tags) {
    if (t.size() > 200 || HasControl(t)) return "a tag is too long or contains control characters";
  }
  if (change.product.name.size() > 1000) return "product_name is too long";
  return std::nullopt;
}

std::optional<std::string> ValidateTagChange(const TagChange& change) {
  if (change.product_id <= 0) return "product_id must be positive";
  for (const std::string& t : change.tags) {
    if (t.empty() || t.size() > 200 || HasControl(t)) return "a tag is empty, too long or contains control characters";
    if (t.starts_with("search:")) return "tags starting with \"search:\" would collide with the read model's keys";
  }
  return std::nullopt;
}

}  // namespace eda::search
