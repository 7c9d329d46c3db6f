#include "order/store/http_address_book.hpp"

#include <boost/json.hpp>

namespace eda::order {
namespace {

OrderError Unavailable(std::string cause) {
  return OrderError{OrderErrc::kDeliveryUnavailable, "the delivery service (address book) is unavailable", std::move(cause)};
}

}  // namespace

Result<std::string, OrderError> HttpAddressBook::AddressOf(std::int64_t address_id, const std::string& credentials) {
  httpclient::Request req;
  req.method = httpclient::Method::kGet;
  req.url = base_url_ + "/delivery/address/" + std::to_string(address_id);
  req.headers.emplace_back("Accept", "application/json");
  req.headers.emplace_back("Authorization", "Bearer " + credentials);
  req.timeout = timeout_;
  req.idempotent = true;
  auto res = client_.SendBlocking(std::move(req));
  if (!res) return Unavailable(res.error().code + ": " + res.error().message);
  if (res->status == 404 || res->status == 403 || res->status == 400) {
    return OrderError{OrderErrc::kAddressNotFound, "no saved address " + std::to_string(address_id) + " of yours", {}};
  }
  if (!res->IsSuccess()) return Unavailable("delivery answered " + std::to_string(res->status));
  auto json = res->Json();
  const boost::json::object* obj = json ? json->if_object() : nullptr;
  const boost::json::value* address = obj ? obj->if_contains("address") : nullptr;
  if (address == nullptr || !address->is_string()) return Unavailable("delivery's address without `address`");
  return std::string(address->as_string());
}

}  // namespace eda::order
