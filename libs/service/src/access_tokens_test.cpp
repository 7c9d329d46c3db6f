#include "eda/service/access_tokens.hpp"

#include <gtest/gtest.h>

#include "eda/auth/testing/test_tokens.hpp"

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

}  // namespace
}  // namespace eda::service
