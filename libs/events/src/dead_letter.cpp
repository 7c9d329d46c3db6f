#include "eda/events/dead_letter.hpp"

#include <charconv>

namespace eda::events {
namespace {

constexpr std::size_t kMaxReasonBytes = 1000;

template <class Int>
std::optional<Int> ToInt(std::optional<std::string_view> s) {
  if (!s || s->empty()) return std::nullopt;
  Int v{};
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc{} || p != s->data() + s->size()) return std::nullopt;
  return v;
}

Headers WithFailure(Headers headers, const FailureInfo& info) {
  headers = StripFailureHeaders(std::move(headers));
  std::string reason = info.reason.substr(0, kMaxReasonBytes);
  headers.push_back({std::string(kOriginalTopicHeader), info.original_topic});
  headers.push_back({std::string(kOriginalPartitionHeader), std::to_string(info.original_partition)});
  headers.push_back({std::string(kOriginalOffsetHeader), std::to_string(info.original_offset)});
  headers.push_back({std::string(kErrorHeader), std::move(reason)});
  headers.push_back({std::string(kAttemptHeader), std::to_string(info.attempts)});
  headers.push_back({std::string(kFailedAtHeader), FormatTimestamp(info.failed_at)});
  headers.push_back({std::string(kConsumerHeader), info.consumer});
  return headers;
}

}  // namespace

std::string RetryTopicOf(std::string_view topic, std::string_view group) {
  return std::string(topic) + std::string(kRetrySuffix) + "." + std::string(group);
}
std::string DlqTopicOf(std::string_view topic) { return std::string(topic) + std::string(kDlqSuffix); }

Origin OriginOf(std::string_view topic, std::int32_t partition, std::int64_t offset, const Headers& headers) {
  auto t = FindHeader(headers, kOriginalTopicHeader);
  auto p = ToInt<std::int32_t>(FindHeader(headers, kOriginalPartitionHeader));
  auto o = ToInt<std::int64_t>(FindHeader(headers, kOriginalOffsetHeader));
  if (t && !t->empty() && p && o) return Origin{std::string(*t), *p, *o};
  return Origin{std::string(topic), partition, offset};
}

int AttemptsOf(const Headers& headers) {
  auto a = ToInt<int>(FindHeader(headers, kAttemptHeader));
  return a && *a > 0 ? *a : 0;
}

std::optional<TimePoint> NotBeforeOf(const Headers& headers) {
  auto v = FindHeader(headers, kNotBeforeHeader);
  if (!v) return std::nullopt;
  return ParseTimestamp(*v);
}

Headers BuildRetryHeaders(const Headers& original, const FailureInfo& info, TimePoint not_before) {
  Headers h = WithFailure(original, info);
  h.push_back({std::string(kNotBeforeHeader), FormatTimestamp(not_before)});
  return h;
}

Headers BuildDeadLetterHeaders(const Headers& original, const FailureInfo& info) {
  return WithFailure(original, info);
}

Result<FailureInfo> ReadFailureInfo(const Headers& headers) {
  auto bad = [](std::string_view what) {
    return Error::Permanent("events.bad_failure_headers", std::string(what));
  };
  FailureInfo info;
  auto topic = FindHeader(headers, kOriginalTopicHeader);
  if (!topic || topic->empty()) return bad("missing eda-original-topic");
  info.original_topic = std::string(*topic);
  auto p = ToInt<std::int32_t>(FindHeader(headers, kOriginalPartitionHeader));
  auto o = ToInt<std::int64_t>(FindHeader(headers, kOriginalOffsetHeader));
  if (!p || !o) return bad("malformed eda-original-partition/offset");
  info.original_partition = *p;
  info.original_offset = *o;
  info.reason = std::string(FindHeader(headers, kErrorHeader).value_or(""));
  info.attempts = AttemptsOf(headers);
  if (auto at = FindHeader(headers, kFailedAtHeader)) {
    auto t = ParseTimestamp(*at);
    if (!t) return bad("malformed eda-failed-at");
    info.failed_at = *t;
  }
  info.consumer = std::string(FindHeader(headers, kConsumerHeader).value_or(""));
  return info;
}

Headers StripFailureHeaders(Headers headers) {
  for (auto name : {kAttemptHeader, kNotBeforeHeader, kOriginalTopicHeader, kOriginalPartitionHeader,
                    kOriginalOffsetHeader, kErrorHeader, kFailedAtHeader, kConsumerHeader})
    RemoveHeader(headers, name);
  return headers;
}

}  // namespace eda::events
