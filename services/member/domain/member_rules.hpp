#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "member/domain/member.hpp"
#include "member/domain/member_error.hpp"
#include "member/domain/role.hpp"

namespace eda::member {

// Field rules for member data. Every check returns all problems it finds (not just the first),
// each naming its JSON field, so a client can show them next to the right input. Pure functions;
// thread-safe.

// loginId: 4..64 ASCII characters from [A-Za-z0-9._@+-], starting with a letter or digit, at most
// one '@' (so an e-mail address is a valid loginId, as in the original system).
inline constexpr std::size_t kLoginIdMinLength = 4;
inline constexpr std::size_t kLoginIdMaxLength = 64;
// userName: 1..50 Unicode code points (valid UTF-8), no control characters, not blank.
inline constexpr std::size_t kUserNameMaxLength = 50;
// password: 8..128 code points (valid UTF-8; 128 bounds the hashing cost an attacker can ask for),
// no control characters, must not contain the loginId, must not be a well-known password, and
// must use at least two of: letters, digits, other characters.
inline constexpr std::size_t kPasswordMinLength = 8;
inline constexpr std::size_t kPasswordMaxLength = 128;

std::vector<FieldError> CheckLoginId(std::string_view login_id);
std::vector<FieldError> CheckUserName(std::string_view user_name);
std::vector<FieldError> CheckPassword(std::string_view password, std::string_view login_id);

// A registration request as parsed from JSON: absent fields are nullopt.
struct RegistrationInput {
  std::optional<std::string> login_id;
  std::optional<std::string> user_name;
  std::optional<std::string> password;
  std::optional<std::string> role;
};

// Checks every field of a registration (missing ones are "required"; `role`, when present, must be
// BUYER, SELLER or ADMIN — whether ADMIN is allowed is role_policy's decision). kInvalidRequest
// with all field errors, or success.
MemberResult<void> ValidateRegistration(const RegistrationInput& input);

// A modification request: at least one of the two fields must be present.
struct ModificationInput {
  std::optional<std::string> user_name;
  std::optional<std::string> password;
  std::optional<std::string> current_password;  // required with `password` when changing one's own
};

// Checks a modification. The password is checked against `login_id` (the member's own).
MemberResult<void> ValidateModification(const ModificationInput& input, std::string_view login_id);

// A login request: both fields required and non-empty. Length and format are NOT checked here, so a
// malformed loginId answers exactly like an unknown one (no hint about the rules).
struct LoginInput {
  std::optional<std::string> login_id;
  std::optional<std::string> password;
};
MemberResult<void> ValidateLogin(const LoginInput& input);

// A lookup of seller names names 1..100 distinct ids: a page of the shop's product lists shows at
// most 100 products, and the bound keeps one anonymous request from scanning the whole table.
inline constexpr std::size_t kSellerLookupMaxIds = 100;

// Drops repeated ids (keeping the first of each) and checks the count. kInvalidRequest (field
// "ids") when none is left or more than kSellerLookupMaxIds.
MemberResult<std::vector<MemberId>> ValidateSellerLookup(std::vector<MemberId> ids);

// Number of code points in valid UTF-8; nullopt when `text` is not valid UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

}  // namespace eda::member
