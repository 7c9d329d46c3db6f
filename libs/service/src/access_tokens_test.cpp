#include "eda/service/access_tokens.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "eda/auth/key_pair.hpp"
#include "eda/auth/testing/test_tokens.hpp"
#include "eda/auth/token_issuer.hpp"

namespace eda::service {
namespace {

using Entries = std::vector<auth::RevocationList::Entry>;

// A member service stand-in: answers the raises after `after` plus the look-back ones it is told.
struct FakeMember {
  Entries raises;
  std::vector<std::int64_t> asked;
  bool down = false;
  Result<Entries> Fetch(std::int64_t after) {
    asked.push_back(after);
    if (down) return Error::Transient("http.connect", "refused");
    Entries out;
    for (const auto& r : raises) if (r.seq > after || r.seq == raises.back().seq) out.push_back(r);
    return out;
  }
};

AccessTokens Make(auth::testing::TestTokens& tokens, FakeMember& member) {
  return AccessTokens(auth::TokenVerifier::Create(tokens.settings(), tokens.clock()).value(), std::chrono::seconds(930),
                      [&member](std::int64_t after) { return member.Fetch(after); }, std::chrono::milliseconds(10));
}

TEST(AccessTokens, NothingLoadedUntilTheMemberServiceAnswers) {
  auth::testing::TestTokens tokens;
  FakeMember member;
  AccessTokens access = Make(tokens, member);
  member.down = true;
  EXPECT_FALSE(access.PollOnce().ok());
  EXPECT_FALSE(access.revocations().loaded());
  member.down = false;
  EXPECT_TRUE(access.PollOnce().ok());
  EXPECT_TRUE(access.revocations().loaded());
}

TEST(AccessTokens, PagesUntilTheCursorStopsAndKeepsRevocationsWhileTheMemberIsDown) {
  auth::testing::TestTokens tokens;
  FakeMember member;
  member.raises = {{1, 42, 1}, {2, 43, 1}};
  AccessTokens access = Make(tokens, member);
  ASSERT_TRUE(access.PollOnce().ok());
  EXPECT_EQ(member.asked, (std::vector<std::int64_t>{0, 2}));
  EXPECT_EQ(access.revocations().Check(42, 0), auth::RevocationList::Verdict::kRevoked);

  member.raises.push_back({3, 42, 2});
  ASSERT_TRUE(access.PollOnce().ok());
  EXPECT_EQ(access.revocations().cursor(), 3);
  EXPECT_EQ(access.revocations().Check(42, 1), auth::RevocationList::Verdict::kRevoked);

  member.down = true;
  EXPECT_FALSE(access.PollOnce().ok());
  EXPECT_EQ(access.revocations().Check(42, 1), auth::RevocationList::Verdict::kRevoked);
  EXPECT_EQ(access.revocations().Check(42, 2), auth::RevocationList::Verdict::kValid);
}

TEST(AccessTokens, ThePollerThreadLoadsAndStops) {
  auth::testing::TestTokens tokens;
  FakeMember member;
  AccessTokens access = Make(tokens, member);
  access.Start();
  for (int i = 0; i < 500 && !access.revocations().loaded(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  access.Stop();
  EXPECT_TRUE(access.revocations().loaded());
  access.Stop();  // idempotent
}

TEST(AccessTokens, EachServiceRequiresItsOwnAudience) {
  auth::testing::TestTokens tokens;
  auth::Settings issuing = tokens.settings();
  issuing.token_audiences = {"eda-member", "eda-order"};
  const auto issuer = auth::TokenIssuer::Create(issuing).value();
  const std::string shop_token = issuer.Issue("42", {}).token;
  ASSERT_EQ(::setenv("EDA_JWT_PUBLIC_KEY", auth::EncodeBase64(*tokens.settings().public_key).c_str(), 1), 0);
  ::unsetenv("EDA_JWT_AUDIENCE");
  auto order = AccessTokens::FromEnv("order");
  auto payment = AccessTokens::FromEnv("payment");
  ::unsetenv("EDA_JWT_PUBLIC_KEY");
  ASSERT_TRUE(order.ok()) << order.error();
  ASSERT_TRUE(payment.ok()) << payment.error();
  EXPECT_TRUE((*order)->verifier().Verify(shop_token).ok());
  auto refused = (*payment)->verifier().Verify(shop_token);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "auth.wrong_audience");
}

}  // namespace
}  // namespace eda::service
