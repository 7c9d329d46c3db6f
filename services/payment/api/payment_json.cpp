#include "payment/api/payment_json.hpp"

#include <array>
#include <utility>

#include <boost/json.hpp>

namespace eda::payment {

std::string SeedMethod(std::string_view m) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kKorean = {{
      {"카드", "CARD"},
      {"가상계좌", "VIRTUAL_ACCOUNT"},
      {"간편결제", "EASY_PAY"},
      {"휴대폰", "MOBILE_PHONE"},
      {"계좌이체", "TRANSFER"},
      {"문화상품권", "CULTURE_GIFT_CERTIFICATE"},
      {"도서문화상품권", "BOOK_GIFT_CERTIFICATE"},
      {"게임문화상품권", "GAME_GIFT_CERTIFICATE"},
  }};
  for (const auto& [k, v] : kKorean) {
    if (k == m) return std::string(v);
  }
  std::string out;
  for (char c : m) {
    if (c == ' ' || c == '-') out.push_back('_');
    else if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 'a' + 'A'));
    else out.push_back(c);
  }
  return out;
}

std::string_view SeedStatus(PaymentStatus status) noexcept {
  if (status == PaymentStatus::kCancelPending) return "DONE";
  return PaymentStatusName(status);
}

boost::json::object ToJson(const PaymentRecord& p) {
  boost::json::object o;
  o["id"] = p.id;
  if (p.member_id) o["memberId"] = p.member_id->value();
  else o["memberId"] = nullptr;
  o["orderId"] = p.order_id.value();
  o["paymentKey"] = p.payment_key.value();
  o["paymentType"] = "NORMAL";
  o["paymentMethod"] = p.method.empty() ? boost::json::value(nullptr) : boost::json::value(SeedMethod(p.method));
  o["currency"] = p.currency.empty() ? "KRW" : p.currency;
  o["totalAmount"] = p.total_amount;
  o["paymentStatus"] = SeedStatus(p.status);
  o["status"] = PaymentStatusName(p.status);
  o["amount"] = p.amount;
  o["balanceAmount"] = p.balance_amount;
  o["orderName"] = p.order_name;
  o["approvedAt"] = p.approved_at.empty() ? boost::json::value(nullptr) : boost::json::value(p.approved_at);
  return o;
}

}  // namespace eda::payment
