#include "catalog/domain/product_rules.hpp"

#include <algorithm>
#include <iterator>

namespace eda::catalog {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string TrimLower(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void CheckName(const std::string& name, std::vector<FieldError>& errors) {
  const std::size_t n = Utf8Length(TrimLower(name));
  if (n == 0) errors.push_back({"productName", "must not be empty"});
  else if (Utf8Length(name) > kMaxNameLength) errors.push_back({"productName", "must be at most 200 characters"});
}

void CheckDescription(const std::string& description, std::vector<FieldError>& errors) {
  if (Utf8Length(description) > kMaxDescriptionLength) {
    errors.push_back({"productDescription", "must be at most 4000 characters"});
  }
}

void CheckPrice(std::int64_t price, std::vector<FieldError>& errors) {
  if (price <= 0) errors.push_back({"productPrice", "must be greater than 0"});
  else if (price > kMaxPrice) errors.push_back({"productPrice", "must be at most 1000000000"});
}

}  // namespace

std::size_t Utf8Length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& raw, std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  out.reserve(raw.size());
  bool too_long = false;
  for (const std::string& tag : raw) {
    std::string t = TrimLower(tag);
    if (t.empty()) continue;
    if (Utf8Length(t) > kMaxTagLength) too_long = true;
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (too_long) errors.push_back({"tags", "each tag must be at most 50 characters"});
  if (out.size() > kMaxTags) errors.push_back({"tags", "at most 20 distinct tags"});
  return out;
}

std::vector<FieldError> ValidateDraft(const ProductDraft& draft) {
  std::vector<FieldError> errors;
  if (draft.seller_id.value() <= 0) errors.push_back({"sellerId", "must be a positive integer"});
  CheckName(draft.name, errors);
  CheckDescription(draft.description, errors);
  CheckPrice(draft.price, errors);
  if (draft.stock < 0) errors.push_back({"stockCount", "must be at least 0"});
  else if (draft.stock > kMaxStock) errors.push_back({"stockCount", "must be at most 1000000000"});
  (void)NormalizeTags(draft.tags, errors);
  return errors;
}

std::vector<FieldError> ValidatePatch(const ProductPatch& patch) {
  std::vector<FieldError> errors;
  if (patch.name) CheckName(*patch.name, errors);
  if (patch.description) CheckDescription(*patch.description, errors);
  if (patch.price) CheckPrice(*patch.price, errors);
  if (patch.tags) (void)NormalizeTags(*patch.tags, errors);
  return errors;
}

TagDiff DiffTags(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  TagDiff diff;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(diff.added));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(diff.removed));
  return diff;
}

}  // namespace eda::catalog
