#include "catalog/store/ledger_rows.hpp"

#include <boost/json.hpp>

namespace eda::catalog {

std::string TagsJson(const std::vector<std::string>& tags) {
  boost::json::array arr;
  for (const auto& t : tags) arr.emplace_back(t);
  return boost::json::serialize(arr);
}

std::vector<std::string> TagsFromJson(const std::string& json) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& t : v.as_array())
    if (t.is_string()) out.emplace_back(t.as_string());
  return out;
}

StockRow StockRowFrom(const sql::Row& row) {
  StockRow r;
  r.id = ProductId{row.Get<std::int64_t>("id")};
  r.seller_id = SellerId{row.Get<std::int64_t>("seller_id")};
  r.state = ParseListingState(row.Get<std::string>("state")).value_or(ListingState::kPending);
  r.stock = row.Get<std::optional<std::int64_t>>("stock_count");
  r.version = row.Get<std::int64_t>("stock_version");
  r.name = row.Get<std::string>("product_name");
  r.price = row.Get<std::int64_t>("product_price");
  r.tags = TagsFromJson(row.Get<std::optional<std::string>>("tags").value_or(""));
  return r;
}

Reservation ReservationFrom(const sql::Row& row) {
  Reservation r;
  r.order_id = row.Get<std::string>("order_id");
  r.product_id = ProductId{row.Get<std::int64_t>("product_id")};
  r.quantity = row.Get<std::int64_t>("quantity");
  r.state = ParseReservationState(row.Get<std::string>("state")).value_or(ReservationState::kReserved);
  r.reason = row.Get<std::string>("reason");
  return r;
}

}  // namespace eda::catalog
