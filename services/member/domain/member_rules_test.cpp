#include "member/domain/member_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace eda::member {
namespace {

bool HasCode(const std::vector<FieldError>& errors, std::string_view field, std::string_view code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

TEST(LoginIdRule, AcceptsPlainIdsAndEmailAddresses) {
  EXPECT_TRUE(CheckLoginId("alice").empty());
  EXPECT_TRUE(CheckLoginId("bob_01.x-y").empty());
  EXPECT_TRUE(CheckLoginId("carol+shop@example.com").empty());
  EXPECT_TRUE(CheckLoginId(std::string(kLoginIdMaxLength, 'a')).empty());
  EXPECT_TRUE(CheckLoginId(std::string(kLoginIdMinLength, '7')).empty());
}

TEST(LoginIdRule, RejectsBadLengthCharactersStartAndAts) {
  EXPECT_TRUE(HasCode(CheckLoginId("abc"), "loginId", "too_short"));
  EXPECT_TRUE(HasCode(CheckLoginId(""), "loginId", "too_short"));
  EXPECT_TRUE(HasCode(CheckLoginId(std::string(kLoginIdMaxLength + 1, 'a')), "loginId", "too_long"));
  EXPECT_TRUE(HasCode(CheckLoginId("al ice"), "loginId", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckLoginId("alice'--"), "loginId", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckLoginId("\xed\x95\x9c\xea\xb8\x80\xec\x9d\xb4\xeb\xa6\x84"), "loginId", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckLoginId(".alice"), "loginId", "invalid_start"));
  EXPECT_TRUE(HasCode(CheckLoginId("a@b@example.com"), "loginId", "invalid_format"));
}

TEST(LoginIdRule, ReportsEveryProblemAtOnce) {
  const auto errors = CheckLoginId("@ @");
  EXPECT_TRUE(HasCode(errors, "loginId", "too_short"));
  EXPECT_TRUE(HasCode(errors, "loginId", "invalid_characters"));
  EXPECT_TRUE(HasCode(errors, "loginId", "invalid_start"));
  EXPECT_TRUE(HasCode(errors, "loginId", "invalid_format"));
}

TEST(UserNameRule, CountsCodePointsNotBytes) {
  std::string korean;
  for (int i = 0; i < 50; ++i) korean += "\xea\xb9\x80";  // U+AE40, 3 bytes
  EXPECT_TRUE(CheckUserName(korean).empty());
  EXPECT_TRUE(HasCode(CheckUserName(korean + "\xea\xb9\x80"), "userName", "too_long"));
  EXPECT_TRUE(CheckUserName("J").empty());
}

TEST(UserNameRule, RejectsBlankControlAndInvalidUtf8) {
  EXPECT_TRUE(HasCode(CheckUserName(""), "userName", "blank"));
  EXPECT_TRUE(HasCode(CheckUserName("   "), "userName", "blank"));
  EXPECT_TRUE(HasCode(CheckUserName("a\nb"), "userName", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckUserName("a\xc2\x85" "b"), "userName", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckUserName("\xff"), "userName", "invalid_encoding"));
  EXPECT_TRUE(HasCode(CheckUserName("\xc0\xaf"), "userName", "invalid_encoding"));   // overlong '/'
  EXPECT_TRUE(HasCode(CheckUserName("\xed\xa0\x80"), "userName", "invalid_encoding"));  // surrogate
  EXPECT_TRUE(HasCode(CheckUserName("\xe4\xb8"), "userName", "invalid_encoding"));  // truncated
}

TEST(PasswordRule, AcceptsAReasonablePassword) {
  EXPECT_TRUE(CheckPassword("correct horse battery", "alice").empty());
  EXPECT_TRUE(CheckPassword("s3cretPassw", "alice").empty());
  EXPECT_TRUE(CheckPassword(std::string(kPasswordMaxLength - 1, 'x') + "1", "alice").empty());
}

TEST(PasswordRule, EnforcesLengthBounds) {
  EXPECT_TRUE(HasCode(CheckPassword("a1b2c3d", "alice"), "password", "too_short"));
  EXPECT_TRUE(CheckPassword("a1b2c3d4", "alice").empty());
  EXPECT_TRUE(HasCode(CheckPassword(std::string(kPasswordMaxLength, 'x') + "1", "alice"), "password", "too_long"));
}

TEST(PasswordRule, RejectsSingleClassLoginIdCommonAndControl) {
  EXPECT_TRUE(HasCode(CheckPassword("abcdefghij", "alice"), "password", "too_simple"));
  EXPECT_TRUE(HasCode(CheckPassword("1234567890", "alice"), "password", "too_simple"));
  EXPECT_TRUE(HasCode(CheckPassword("xxALICE123", "alice"), "password", "contains_login_id"));
  EXPECT_TRUE(HasCode(CheckPassword("Password123", "alice"), "password", "too_common"));
  EXPECT_TRUE(HasCode(CheckPassword("abc\t12345", "alice"), "password", "invalid_characters"));
  EXPECT_TRUE(HasCode(CheckPassword("abc\xff" "12345", "alice"), "password", "invalid_encoding"));
}

TEST(PasswordRule, MessagesNeverEchoThePassword) {
  const std::string secret = "hunter2hunter2HUNTER";  // contains login id "hunter"
  for (const auto& e : CheckPassword(secret, "hunter")) EXPECT_EQ(e.message.find(secret), std::string::npos);
}

TEST(ValidateRegistration, RequiresEveryFieldAndNamesIt) {
  const auto result = ValidateRegistration(RegistrationInput{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, MemberErrc::kInvalidRequest);
  EXPECT_TRUE(HasCode(result.error().fields, "loginId", "required"));
  EXPECT_TRUE(HasCode(result.error().fields, "userName", "required"));
  EXPECT_TRUE(HasCode(result.error().fields, "password", "required"));
}

TEST(ValidateRegistration, AcceptsValidInputWithAndWithoutRole) {
  RegistrationInput in{"alice", "Alice", "s3cretPassw", std::nullopt};
  EXPECT_TRUE(ValidateRegistration(in).ok());
  in.role = "SELLER";
  EXPECT_TRUE(ValidateRegistration(in).ok());
  in.role = "ADMIN";  // syntactically valid; the role policy decides whether it is allowed
  EXPECT_TRUE(ValidateRegistration(in).ok());
}

TEST(ValidateRegistration, RejectsUnknownRoleAndCollectsAllFields) {
  RegistrationInput in{"a", "", "short", "seller"};
  const auto result = ValidateRegistration(in);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(HasCode(result.error().fields, "loginId", "too_short"));
  EXPECT_TRUE(HasCode(result.error().fields, "userName", "blank"));
  EXPECT_TRUE(HasCode(result.error().fields, "password", "too_short"));
  EXPECT_TRUE(HasCode(result.error().fields, "role", "invalid_value"));
}

TEST(ValidateModification, NeedsAtLeastOneField) {
  const auto none = ValidateModification(ModificationInput{}, "alice");
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(HasCode(none.error().fields, "userName", "required"));
  EXPECT_TRUE(ValidateModification(ModificationInput{"New Name", std::nullopt, std::nullopt}, "alice").ok());
  EXPECT_TRUE(ValidateModification(ModificationInput{std::nullopt, "n3wPassword", std::nullopt}, "alice").ok());
}

TEST(ValidateModification, ChecksPasswordAgainstOwnLoginId) {
  const auto result = ValidateModification(ModificationInput{std::nullopt, "alice12345", std::nullopt}, "alice");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(HasCode(result.error().fields, "password", "contains_login_id"));
  EXPECT_TRUE(HasCode(ValidateModification(ModificationInput{"", std::nullopt, std::nullopt}, "alice").error().fields, "userName",
                      "blank"));
}

TEST(ValidateLogin, OnlyPresenceIsChecked) {
  EXPECT_TRUE(ValidateLogin(LoginInput{"x", "y"}).ok());  // malformed but present: answered as bad credentials
  const auto result = ValidateLogin(LoginInput{"", std::nullopt});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(HasCode(result.error().fields, "loginId", "required"));
  EXPECT_TRUE(HasCode(result.error().fields, "password", "required"));
}

TEST(Utf8Length, CountsAndValidates) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("\xea\xb9\x80\xf0\x9f\x98\x80"), 2u);
  EXPECT_EQ(Utf8Length("\xf4\x90\x80\x80"), std::nullopt);  // > U+10FFFF
  EXPECT_EQ(Utf8Length("\x80"), std::nullopt);
}

TEST(ValidateSellerLookup, DropsRepeatsAndBoundsTheCount) {
  auto ids = ValidateSellerLookup({MemberId{3}, MemberId{1}, MemberId{3}, MemberId{2}, MemberId{1}});
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<MemberId>{MemberId{3}, MemberId{1}, MemberId{2}}));

  const auto none = ValidateSellerLookup({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, MemberErrc::kInvalidRequest);
  EXPECT_EQ(none.error().fields.at(0).field, "ids");

  std::vector<MemberId> most;
  for (std::int64_t i = 1; i <= static_cast<std::int64_t>(kSellerLookupMaxIds); ++i) most.push_back(MemberId{i});
  most.push_back(MemberId{1});  // a repeat does not count against the bound
  EXPECT_TRUE(ValidateSellerLookup(most).ok());
  most.push_back(MemberId{static_cast<std::int64_t>(kSellerLookupMaxIds) + 1});
  const auto too_many = ValidateSellerLookup(most);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().fields.at(0).code, "too_many");
}

}  // namespace
}  // namespace eda::member
