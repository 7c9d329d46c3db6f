#include "delivery/api/delivery_json.hpp"

#include "delivery/domain/delivery_rules.hpp"

namespace eda::delivery {

boost::json::object ToJson(const Delivery& d) {
  boost::json::object o{{"deliveryId", d.id.value()},
                        {"orderId", d.request.order_id.value()},
                        {"productName", d.request.order_name},
                        {"productCount", d.request.product_count},
                        {"address", d.request.address},
                        {"deliveryStatus", ToString(d.status)},
                        {"deliveryCompany", d.request.delivery_company}};
  if (d.reference_code.empty()) o["referenceCode"] = nullptr;
  else o["referenceCode"] = d.reference_code;
  if (!d.failure_reason.empty()) o["failureReason"] = d.failure_reason;
  return o;
}

boost::json::object ToJson(const MemberAddress& a) {
  return boost::json::object{{"id", a.id}, {"memberId", a.member_id.value()}, {"address", a.address}, {"alias", a.alias}};
}

}  // namespace eda::delivery
