#include "toss-sandbox/domain/payment.hpp"

#include <cstdio>
#include <ctime>

namespace eda::toss_sandbox {

std::string_view StatusName(PaymentStatus status) noexcept {
  switch (status) {
    case PaymentStatus::kReady: return "READY";
    case PaymentStatus::kInProgress: return "IN_PROGRESS";
    case PaymentStatus::kWaitingForDeposit: return "WAITING_FOR_DEPOSIT";
    case PaymentStatus::kDone: return "DONE";
    case PaymentStatus::kCanceled: return "CANCELED";
    case PaymentStatus::kPartialCanceled: return "PARTIAL_CANCELED";
    case PaymentStatus::kAborted: return "ABORTED";
    case PaymentStatus::kExpired: return "EXPIRED";
  }
  return "UNKNOWN";
}

const std::vector<PaymentStatus>& AllStatuses() {
  static const std::vector<PaymentStatus> kAll = {
      PaymentStatus::kReady,    PaymentStatus::kInProgress,      PaymentStatus::kWaitingForDeposit,
      PaymentStatus::kDone,     PaymentStatus::kCanceled,        PaymentStatus::kPartialCanceled,
      PaymentStatus::kAborted,  PaymentStatus::kExpired};
  return kAll;
}

bool WasApproved(PaymentStatus status) noexcept {
  return status == PaymentStatus::kDone || status == PaymentStatus::kCanceled ||
         status == PaymentStatus::kPartialCanceled;
}

std::int64_t VatOf(std::int64_t amount, std::int64_t tax_free) noexcept {
  const std::int64_t taxable = amount - tax_free;
  if (taxable <= 0) return 0;
  // floor(x/11 + 1/2) == floor((2x + 11) / 22) for x >= 0: half-up without floating point.
  return (2 * taxable + 11) / 22;
}

std::int64_t SuppliedOf(std::int64_t amount, std::int64_t tax_free) noexcept {
  return amount - tax_free - VatOf(amount, tax_free);
}

namespace {

// Broken-down KST time (UTC+9, no daylight saving) and the microseconds within the second.
std::tm KstParts(TimePoint t, long& micros) {
  const auto since_epoch = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch());
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  micros = static_cast<long>((since_epoch - seconds).count());
  const std::time_t kst = static_cast<std::time_t>(seconds.count()) + 9 * 3600;
  std::tm parts{};
  gmtime_r(&kst, &parts);
  return parts;
}

}  // namespace

std::string FormatKst(TimePoint t) {
  long micros = 0;
  const std::tm p = KstParts(t, micros);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+09:00", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday,
                p.tm_hour, p.tm_min, p.tm_sec);
  return buf;
}

std::string FormatKstMicros(TimePoint t) {
  long micros = 0;
  const std::tm p = KstParts(t, micros);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ld", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday,
                p.tm_hour, p.tm_min, p.tm_sec, micros);
  return buf;
}

std::string FormatKstCompact(TimePoint t) {
  long micros = 0;
  const std::tm p = KstParts(t, micros);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday, p.tm_hour,
                p.tm_min, p.tm_sec);
  return buf;
}

bool IsValidOrderId(std::string_view order_id) noexcept {
  if (order_id.size() < 6 || order_id.size() > 64) return false;
  for (char c : order_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '=';
    if (!ok) return false;
  }
  return true;
}

}  // namespace eda::toss_sandbox
