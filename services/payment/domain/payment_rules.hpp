#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "payment/domain/payment_record.hpp"

namespace eda::payment {

// Who calls an HTTP route (from the verified access token).
struct Caller {
  MemberId member_id{0};
  bool admin = false;
};

// A buyer may see and cancel only the payments of their own orders; an admin all. A payment whose
// buyer is unknown (no metadata.memberId) is visible to admins only.
bool MayAccess(const Caller& caller, const PaymentRecord& payment) noexcept;

// The buyer's member id from the window metadata ("memberId", a positive decimal integer); nullopt
// when absent or malformed.
std::optional<MemberId> MemberIdFromMetadata(const std::map<std::string, std::string>& metadata);

// What to do with a payment-confirm-request refused as a duplicate: a row already holds its order id or
// its payment key (`holder`, from a confirm under another event).
enum class DuplicateConfirmAction {
  kAcknowledge,  // the order's own row: a second confirm of a payment settled (or being settled) under
                 // another event. No event: a payment-failed could fail an order that is paid.
  kFailOrder,    // another order's row holds the key (a reused paymentKey): this order can never be
                 // confirmed with it, so it gets payment-failed (kPaymentKeyAlreadyUsed) instead of
                 // waiting forever. The other order's row is never touched.
};
DuplicateConfirmAction DecideDuplicateConfirm(const OrderId& order_id, const PaymentRecord& holder) noexcept;

// PaymentFailed.error_code for DuplicateConfirmAction::kFailOrder.
inline constexpr std::string_view kPaymentKeyAlreadyUsed = "PAYMENT_KEY_ALREADY_USED";

// Toss codes that mean our own key/URL setting is wrong, not the buyer's payment: UNAUTHORIZED_KEY,
// INVALID_API_KEY, INCORRECT_BASIC_AUTH_FORMAT. A confirm refused with one of them is retried, never
// turned into payment-failed.
bool IsKeyMisconfiguration(std::string_view toss_code) noexcept;

// The payment a compensation event names: every saga event carries the order's payment_key and amount
// (docs/SAGA.md). `exact`: both must be the row's (order-cancelled: the order service always fills
// them); otherwise an empty key or a zero amount is not held against the event.
struct NamedPayment {
  PaymentKey payment_key;
  std::int64_t amount = 0;
  bool exact = false;
};

// Why a compensation event was refused: it is not about this row's payment (forged or misrouted).
enum class CompensationRefusal {
  kPaymentKeyMismatch,
  kAmountMismatch,
};
// "payment_key_mismatch" | "amount_mismatch" (the metric label, as in the order service).
std::string_view CompensationRefusalName(CompensationRefusal refusal) noexcept;

// nullopt when `named` is `row`'s payment (key against payment_key, amount against the requested
// amount). A refused event must change nothing: no cancel, no event.
std::optional<CompensationRefusal> CheckNamedPayment(const PaymentRecord& row, const NamedPayment& named) noexcept;

}  // namespace eda::payment
