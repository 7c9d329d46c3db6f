#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "eda/saga/topics.hpp"
#include "member/domain/member.hpp"

namespace eda::member {

// The member-registered event (proto/events.proto `eda.events.v1.MemberRegistered`), published
// through the transactional outbox when an account is created: store/ writes it in the same
// transaction as the `user` row. For other services' read models. Kafka key: the member id
// (decimal), so one member's events stay ordered. Never carries the password or its hash.
struct MemberRegistered {
  static constexpr std::string_view kTopic = saga::kMemberRegistered;

  Member member;
  std::chrono::system_clock::time_point registered_at;

  // The protobuf message's full name, for the envelope's event type.
  static std::string EventType();
  // The serialized protobuf message: member_id, login_id, user_name, registered_at (RFC 3339 UTC
  // with milliseconds). Pure; thread-safe.
  std::string Serialize() const;
};

// "2026-11-24T01:02:03.456Z". Pure.
std::string Rfc3339Utc(std::chrono::system_clock::time_point t);

}  // namespace eda::member
