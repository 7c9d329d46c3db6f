#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "payment/domain/payment_record.hpp"

namespace eda::payment {

// Who calls an HTTP route (from the verified access token).
struct Caller {
  std::int64_t member_id = 0;
  bool admin = false;
};

// A buyer may see and cancel only the payments of their own orders; an admin all. A payment whose
// buyer is unknown (no metadata.memberId) is visible to admins only.
bool MayAccess(const Caller& caller, const PaymentRecord& payment) noexcept;

// The buyer's member id from the window metadata ("memberId", a positive decimal integer); nullopt
// when absent or malformed.
std::optional<std::int64_t> MemberIdFromMetadata(const std::map<std::string, std::string>& metadata);

// Whether a buyer's cancel (DELETE /payments/cancel) may start a full refund of a payment in `status`:
// only an approved payment (DONE) or one whose refund is already under way (CANCEL_PENDING, resumed).
bool BuyerMayCancel(PaymentStatus status) noexcept;

}  // namespace eda::payment
