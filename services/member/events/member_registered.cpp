#include "member/events/member_registered.hpp"

#include <cstdio>
#include <ctime>

#include "events.pb.h"

namespace eda::member {

std::string Rfc3339Utc(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto days = std::chrono::floor<std::chrono::days>(ms);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss<std::chrono::milliseconds> hms{ms - days};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string MemberRegistered::EventType() { return eda::events::v1::MemberRegistered().GetTypeName(); }

std::string MemberRegistered::Serialize() const {
  eda::events::v1::MemberRegistered message;
  message.set_member_id(member.id.value());
  message.set_login_id(member.login_id);
  message.set_user_name(member.user_name);
  message.set_registered_at(Rfc3339Utc(registered_at));
  return message.SerializeAsString();
}

}  // namespace eda::member
