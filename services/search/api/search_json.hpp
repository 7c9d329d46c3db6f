#pragma once

#include <cstdint>
#include <vector>

#include <boost/json/value.hpp>

#include "search/domain/rebuild_trigger.hpp"
#include "search/domain/search_service.hpp"

namespace eda::search {

// [1, 2, 3]: the seed route's body (numbers, as the original's List<Long>).
boost::json::value ToJson(const std::vector<std::int64_t>& ids);
// {items:[{productId, productName, productPrice, stockCount, sellerId, tags}], page, size, total}
boost::json::value ToJson(const SearchPage& page);
// {running, activeGeneration, lastGeneration?, lastError?, lastEvents, lastSeconds}
boost::json::value ToJson(const RebuildStatus& status);

}  // namespace eda::search
