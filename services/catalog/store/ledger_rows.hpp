#pragma once

// Conversions between the ledger's MariaDB rows and domain values (store/ only).

#include <string>
#include <vector>

#include "catalog/domain/stock_ledger.hpp"
#include "eda/sql/rows.hpp"

namespace eda::catalog {

// Tags as the `seller_product.tags` column holds them (a JSON array of strings), and back; a
// malformed or NULL column reads as no tags.
std::string TagsJson(const std::vector<std::string>& tags);
std::vector<std::string> TagsFromJson(const std::string& json);

// The columns listed in kStockRowColumns -> StockRow. Throws sql::RowAccessError on a schema bug.
inline constexpr const char* kStockRowColumns =
    "id, seller_id, state, stock_count, stock_version, product_name, product_price, tags";
StockRow StockRowFrom(const sql::Row& row);

// The columns listed in kReservationColumns -> Reservation.
inline constexpr const char* kReservationColumns = "order_id, product_id, quantity, state, reason";
Reservation ReservationFrom(const sql::Row& row);

}  // namespace eda::catalog
