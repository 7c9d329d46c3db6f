#include "eda/config/secret.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace eda::config {
namespace {

TEST(SecretTest, StreamsAsMask) {
  Secret s("hunter2");
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "***");
  EXPECT_EQ(s.Reveal(), "hunter2");
}

TEST(SecretTest, EmptySecretAlsoMasked) {
  std::ostringstream os;
  os << Secret{};
  EXPECT_EQ(os.str(), "***");
}

}  // namespace
}  // namespace eda::config
