#include "member/domain/member_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <unordered_set>

namespace eda::member {
namespace {

FieldError Field(std::string_view field, std::string_view code, std::string message) {
  return FieldError{std::string(field), std::string(code), std::move(message)};
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

// C0 controls and DEL; multi-byte sequences are never control characters in our sense except
// U+0080..U+009F (C1), encoded as 0xC2 0x80..0x9F.
bool HasControlCharacter(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9F) return true;
    }
  }
  return false;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// A short deny list of the passwords that top every breach corpus and would pass the other rules.
constexpr std::array<std::string_view, 16> kCommonPasswords = {
    "password1", "password123", "passw0rd", "qwerty123", "abc12345", "abcd1234", "1q2w3e4r",
    "1qaz2wsx", "qwer1234", "iloveyou1", "admin123", "welcome1", "letmein1", "p@ssw0rd",
    "asdf1234", "zxcv1234"};

void Require(const std::optional<std::string>& value, std::string_view field, std::vector<FieldError>& out) {
  if (!value) out.push_back(Field(field, "required", std::string(field) + " is required"));
}

template <class Check>
void Append(std::vector<FieldError>& out, Check&& errors) {
  out.insert(out.end(), std::make_move_iterator(errors.begin()), std::make_move_iterator(errors.end()));
}

}  // namespace

std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { len = 1; cp = c; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return std::nullopt;
    if (i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto n = static_cast<unsigned char>(text[i + k]);
      if ((n & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (n & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

std::vector<FieldError> CheckLoginId(std::string_view login_id) {
  constexpr std::string_view kField = "loginId";
  std::vector<FieldError> errors;
  if (login_id.size() < kLoginIdMinLength) {
    errors.push_back(Field(kField, "too_short", "loginId must have at least 4 characters"));
  } else if (login_id.size() > kLoginIdMaxLength) {
    errors.push_back(Field(kField, "too_long", "loginId must have at most 64 characters"));
  }
  const bool allowed_chars = std::all_of(login_id.begin(), login_id.end(), [](char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '@' || c == '+' || c == '-';
  });
  if (!allowed_chars) {
    errors.push_back(Field(kField, "invalid_characters",
                           "loginId may contain only letters, digits and . _ @ + -"));
  }
  if (!login_id.empty() && !IsAsciiAlnum(login_id.front())) {
    errors.push_back(Field(kField, "invalid_start", "loginId must start with a letter or a digit"));
  }
  if (std::count(login_id.begin(), login_id.end(), '@') > 1) {
    errors.push_back(Field(kField, "invalid_format", "loginId may contain at most one @"));
  }
  return errors;
}

std::vector<FieldError> CheckUserName(std::string_view user_name) {
  constexpr std::string_view kField = "userName";
  std::vector<FieldError> errors;
  const auto length = Utf8Length(user_name);
  if (!length) {
    errors.push_back(Field(kField, "invalid_encoding", "userName must be valid UTF-8"));
    return errors;
  }
  if (*length == 0 || IsBlank(user_name)) {
    errors.push_back(Field(kField, "blank", "userName must not be blank"));
  } else if (*length > kUserNameMaxLength) {
    errors.push_back(Field(kField, "too_long", "userName must have at most 50 characters"));
  }
  if (HasControlCharacter(user_name)) {
    errors.push_back(Field(kField, "invalid_characters", "userName must not contain control characters"));
  }
  return errors;
}

std::vector<FieldError> CheckPassword(std::string_view password, std::string_view login_id) {
  constexpr std::string_view kField = "password";
  std::vector<FieldError> errors;
  const auto length = Utf8Length(password);
  if (!length) {
    errors.push_back(Field(kField, "invalid_encoding", "password must be valid UTF-8"));
    return errors;
  }
  if (*length < kPasswordMinLength) {
    errors.push_back(Field(kField, "too_short", "password must have at least 8 characters"));
  } else if (*length > kPasswordMaxLength) {
    errors.push_back(Field(kField, "too_long", "password must have at most 128 characters"));
  }
  if (HasControlCharacter(password)) {
    errors.push_back(Field(kField, "invalid_characters", "password must not contain control characters"));
  }
  bool letter = false, digit = false, other = false;
  for (char c : password) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9') digit = true;
    else if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80) letter = true;
    else other = true;
  }
  if (static_cast<int>(letter) + static_cast<int>(digit) + static_cast<int>(other) < 2) {
    errors.push_back(Field(kField, "too_simple",
                           "password must mix at least two of: letters, digits, other characters"));
  }
  const std::string lower = Lower(password);
  if (!login_id.empty() && lower.find(Lower(login_id)) != std::string::npos) {
    errors.push_back(Field(kField, "contains_login_id", "password must not contain the loginId"));
  }
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end()) {
    errors.push_back(Field(kField, "too_common", "password is too common"));
  }
  return errors;
}

MemberResult<void> ValidateRegistration(const RegistrationInput& input) {
  std::vector<FieldError> errors;
  Require(input.login_id, "loginId", errors);
  Require(input.user_name, "userName", errors);
  Require(input.password, "password", errors);
  if (input.login_id) Append(errors, CheckLoginId(*input.login_id));
  if (input.user_name) Append(errors, CheckUserName(*input.user_name));
  if (input.password) Append(errors, CheckPassword(*input.password, input.login_id.value_or("")));
  if (input.role && !ParseRole(*input.role)) {
    errors.push_back(Field("role", "invalid_value", "role must be one of BUYER, SELLER, ADMIN"));
  }
  if (!errors.empty()) return MemberError::Invalid(std::move(errors));
  return {};
}

MemberResult<void> ValidateModification(const ModificationInput& input, std::string_view login_id) {
  std::vector<FieldError> errors;
  if (!input.user_name && !input.password) {
    errors.push_back(Field("userName", "required", "give userName, password, or both"));
    errors.push_back(Field("password", "required", "give userName, password, or both"));
  }
  if (input.user_name) Append(errors, CheckUserName(*input.user_name));
  if (input.password) Append(errors, CheckPassword(*input.password, login_id));
  if (!errors.empty()) return MemberError::Invalid(std::move(errors));
  return {};
}

MemberResult<void> ValidateLogin(const LoginInput& input) {
  std::vector<FieldError> errors;
  if (!input.login_id || input.login_id->empty()) {
    errors.push_back(Field("loginId", "required", "loginId is required"));
  }
  if (!input.password || input.password->empty()) {
    errors.push_back(Field("password", "required", "password is required"));
  }
  if (!errors.empty()) return MemberError::Invalid(std::move(errors));
  return {};
}

MemberResult<std::vector<MemberId>> ValidateSellerLookup(std::vector<MemberId> ids) {
  std::unordered_set<MemberId> seen;
  std::erase_if(ids, [&seen](MemberId id) { return !seen.insert(id).second; });
  if (ids.empty()) return MemberError::Invalid({Field("ids", "required", "ids names no member id")});
  if (ids.size() > kSellerLookupMaxIds) {
    return MemberError::Invalid({Field("ids", "too_many", "at most " + std::to_string(kSellerLookupMaxIds) +
                                                               " distinct ids per lookup")});
  }
  return ids;
}

}  // namespace eda::member
