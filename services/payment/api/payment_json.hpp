#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "payment/domain/payment_record.hpp"

namespace eda::payment {

// The seed's payment method enum for a Toss `method` ("카드" → CARD, "간편결제" → EASY_PAY, ...); English
// names are upper-cased with '_' ("Card" → CARD); empty stays empty.
std::string SeedMethod(std::string_view toss_method);

// The seed's status for one of ours: CANCEL_PENDING is still DONE to the outside (money held).
std::string_view SeedStatus(PaymentStatus status) noexcept;

// The seed payment JSON {id, memberId, orderId, paymentKey, paymentType, paymentMethod, currency,
// totalAmount, paymentStatus} plus {status (ours), amount, balanceAmount, orderName, approvedAt}.
boost::json::object ToJson(const PaymentRecord& p);

}  // namespace eda::payment
