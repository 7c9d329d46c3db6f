#include "catalog/api/catalog_json.hpp"

#include <boost/json.hpp>

#include "catalog/api/error_table.hpp"
#include "eda/core/text.hpp"

namespace eda::catalog {

boost::json::value ProductJson(const Product& p) {
  boost::json::array tags;
  for (const auto& t : p.tags) tags.emplace_back(t);
  return boost::json::object{{"productId", p.id.value()},
                             {"sellerId", p.seller_id.value()},
                             {"productName", p.name},
                             {"productDescription", p.description},
                             {"productPrice", p.price},
                             {"stockCount", p.stock},
                             {"tags", std::move(tags)}};
}

boost::json::value ProductListJson(const std::vector<Product>& products) {
  boost::json::array out;
  for (const auto& p : products) out.push_back(ProductJson(p));
  return out;
}

std::optional<std::vector<std::string>> ReadTags(http::JsonBody& body, bool required) {
  if (!required && body.Raw("tags") == nullptr) return std::nullopt;
  const boost::json::array* array = body.Array("tags");
  if (array == nullptr) return std::nullopt;
  std::vector<std::string> tags;
  for (const auto& item : *array) {
    if (!item.is_string()) {
      body.AddError("tags", "must be an array of strings");
      return std::nullopt;
    }
    if (HasControlCharacter(item.get_string())) {
      body.AddError("tags", "must not contain control characters (such as NUL, CR, LF or TAB)");
      return std::nullopt;
    }
    tags.emplace_back(item.as_string());
  }
  return tags;
}

http::Response ErrorResponse(const CatalogError& error) {
  const ErrorMapping& mapping = MapError(error.code);
  http::Problem problem;
  problem.status = mapping.status;
  problem.code = std::string(mapping.code);
  problem.type = std::string(mapping.type);
  problem.title = std::string(mapping.title);
  problem.detail = error.detail;
  for (const FieldError& f : error.fields) problem.errors.push_back(http::FieldError{f.field, f.message});
  http::Response response(std::move(problem));
  if (mapping.status == 401) response.SetHeader("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace eda::catalog
