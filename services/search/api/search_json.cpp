#include "search/api/search_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace eda::search {

boost::json::value ToJson(const std::vector<std::int64_t>& ids) {
  boost::json::array a;
  a.reserve(ids.size());
  for (std::int64_t id : ids) a.emplace_back(id);
  return a;
}

boost::json::value ToJson(const SearchPage& page) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const ProductSummary& p : page.items) {
    boost::json::array tags;
    for (const auto& t : p.tags) tags.emplace_back(t);
    items.emplace_back(boost::json::object{{"productId", p.product_id},
                                           {"productName", p.name},
                                           {"productPrice", p.price},
                                           {"stockCount", p.stock},
                                           {"sellerId", p.seller_id},
                                           {"tags", std::move(tags)}});
  }
  return boost::json::object{
      {"items", std::move(items)}, {"page", page.page}, {"size", page.size}, {"total", page.total}};
}

boost::json::value ToJson(const RebuildStatus& s) {
  boost::json::object o{{"running", s.running},
                        {"activeGeneration", s.active_generation},
                        {"lastEvents", s.last_events},
                        {"lastSeconds", s.last_seconds}};
  if (s.last_generation) o["lastGeneration"] = *s.last_generation;
  if (s.last_error) o["lastError"] = *s.last_error;
  return o;
}

}  // namespace eda::search
