#include "eda/sql/errors.hpp"

#include <gtest/gtest.h>

#include "eda/sql/settings.hpp"

namespace eda::sql {
namespace {

struct Case {
  unsigned int number;
  std::string_view code;
  bool retryable;
  bool connection;
};

// Every classified error number, with the code and flags callers rely on.
constexpr Case kTable[] = {
    {1062, errc::kDuplicateKey, false, false}, {1022, errc::kDuplicateKey, false, false},
    {1586, errc::kDuplicateKey, false, false}, {1213, errc::kDeadlock, true, false},
    {1205, errc::kLockTimeout, true, false},   {2002, errc::kConnection, true, true},
    {2003, errc::kConnection, true, true},     {2006, errc::kConnection, true, true},
    {2013, errc::kConnection, true, true},     {2055, errc::kConnection, true, true},
    {1927, errc::kConnection, true, true},     {1053, errc::kConnection, true, true},
    {1040, errc::kConnection, true, true},     {4031, errc::kConnection, true, true},
    {1317, errc::kInterrupted, true, false},   {1969, errc::kInterrupted, true, false},
    {1290, errc::kReadOnly, true, false},      {1792, errc::kReadOnly, true, false},
    {1064, errc::kSyntax, false, false},       {1149, errc::kSyntax, false, false},
    {1451, errc::kConstraint, false, false},   {1452, errc::kConstraint, false, false},
    {1048, errc::kConstraint, false, false},   {4025, errc::kConstraint, false, false},
    {1364, errc::kConstraint, false, false},   {1406, errc::kData, false, false},
    {1264, errc::kData, false, false},         {1366, errc::kData, false, false},
    {1292, errc::kData, false, false},         {1146, errc::kSchema, false, false},
    {1054, errc::kSchema, false, false},       {1050, errc::kSchema, false, false},
    {1045, errc::kAccess, false, false},       {1142, errc::kAccess, false, false},
    {1105, errc::kServer, false, false},       {9999, errc::kServer, false, false},
};

TEST(SqlErrors, TableClassifiesEveryEntry) {
  for (const auto& c : kTable) {
    const Error e = ClassifyError(c.number, "msg");
    EXPECT_EQ(e.code, c.code) << c.number;
    EXPECT_EQ(e.retryable, c.retryable) << c.number;
    EXPECT_EQ(IsConnectionError(c.number), c.connection) << c.number;
  }
}

TEST(SqlErrors, MessageKeepsNumberAndText) {
  const Error e = ClassifyError(1062, "Duplicate entry '7' for key 'PRIMARY'");
  EXPECT_EQ(e.message, "[1062] Duplicate entry '7' for key 'PRIMARY'");
}

TEST(SqlErrors, EveryClientErrorBreaksTheConnection) {
  for (unsigned int n = 2000; n <= 2999; ++n) {
    EXPECT_TRUE(IsConnectionError(n)) << n;
    EXPECT_TRUE(ClassifyError(n, "").retryable) << n;
  }
}

TEST(SqlSettings, ValidateRejectsNonsenseAndHidesPassword) {
  Settings s;
  s.password = Secret("hunter2");
  EXPECT_TRUE(s.Validate().ok());
  s.pool_size = 0;
  s.host.clear();
  auto st = s.Validate();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, errc::kSettings);
  EXPECT_NE(st.error().message.find("pool_size"), std::string::npos);
  EXPECT_NE(st.error().message.find("host"), std::string::npos);
  EXPECT_EQ(st.error().message.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace eda::sql
