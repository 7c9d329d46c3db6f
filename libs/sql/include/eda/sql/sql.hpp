#pragma once

// Convenience header: the whole public API of eda::sql.
#include "eda/sql/connection.hpp"
#include "eda/sql/errors.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/param.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"
#include "eda/sql/rows.hpp"
#include "eda/sql/settings.hpp"
#include "eda/sql/statement_shapes.hpp"
#include "eda/sql/transaction.hpp"
