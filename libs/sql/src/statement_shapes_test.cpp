#include "eda/sql/statement_shapes.hpp"

#include <gtest/gtest.h>

namespace eda::sql {
namespace {

TEST(StatementShapes, Placeholders) {
  EXPECT_EQ(Placeholders(0), "");
  EXPECT_EQ(Placeholders(3), "?, ?, ?");
  EXPECT_EQ(RowPlaceholders(2, 3), "(?, ?, ?), (?, ?, ?)");
}

TEST(StatementShapes, ChunksArePowersOfTwoThatAddUp) {
  std::size_t left = 13, statements = 0;
  while (left > 0) {
    const std::size_t n = ChunkRows(left, 64);
    EXPECT_EQ(n & (n - 1), 0u) << n;
    left -= n;
    ++statements;
  }
  EXPECT_EQ(statements, 3u) << "8 + 4 + 1";
  EXPECT_EQ(ChunkRows(100, 32), 32u);
  EXPECT_EQ(ChunkRows(1, 64), 1u);
}

TEST(StatementShapes, InListsRoundUpToAPowerOfTwo) {
  EXPECT_EQ(InListWidth(1, 64), 1u);
  EXPECT_EQ(InListWidth(5, 64), 8u);
  EXPECT_EQ(InListWidth(64, 64), 64u);
  EXPECT_EQ(InListWidth(100, 64), 64u);
}

}  // namespace
}  // namespace eda::sql
