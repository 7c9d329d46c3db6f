#include "member/events/member_registered.hpp"

#include <gtest/gtest.h>

#include "events.pb.h"

namespace eda::member {
namespace {

TEST(MemberRegistered, SerializesTheSharedProtoMessage) {
  const MemberRegistered event{Member{MemberId{300}, "alice", "\xea\xb9\x80 Alice", Role::kSeller},
                               std::chrono::system_clock::time_point{std::chrono::milliseconds{1'700'000'000'123}}};
  eda::events::v1::MemberRegistered decoded;
  ASSERT_TRUE(decoded.ParseFromString(event.Serialize()));
  EXPECT_EQ(decoded.member_id(), 300);
  EXPECT_EQ(decoded.login_id(), "alice");
  EXPECT_EQ(decoded.user_name(), "\xea\xb9\x80 Alice");
  EXPECT_EQ(decoded.registered_at(), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(MemberRegistered::EventType(), "eda.events.v1.MemberRegistered");
}

TEST(MemberRegistered, Rfc3339PadsAndTruncatesToMilliseconds) {
  EXPECT_EQ(Rfc3339Utc(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(Rfc3339Utc(std::chrono::system_clock::time_point{std::chrono::microseconds{1'000'999}}),
            "1970-01-01T00:00:01.000Z");
}

}  // namespace
}  // namespace eda::member
