#include "eda/log/log.hpp"

#include <gtest/gtest.h>

namespace eda::log {
namespace {

TEST(LogFormatTest, ServiceContextMessageAndFields) {
  Context ctx{"req-1", "0af7651916cd43dd8448eb211c80319c"};
  auto line = Format("catalog", &ctx, "product created", {{"product_id", 7}, {"ok", true}});
  EXPECT_EQ(line,
            "service=catalog request_id=req-1 trace_id=0af7651916cd43dd8448eb211c80319c msg=\"product created\" "
            "product_id=7 ok=true");
}

TEST(LogFormatTest, QuotesAndEscapesSoOneEventIsOneLine) {
  auto line = Format("", nullptr, "x", {{"v", "a \"b\"\nc=d"}, {"empty", ""}});
  EXPECT_EQ(line, "msg=x v=\"a \\\"b\\\"\\nc=d\" empty=\"\"");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LogContextTest, ScopedContextNestsAndRestores) {
  EXPECT_EQ(ScopedContext::Current(), nullptr);
  Context a{"a", ""};
  {
    ScopedContext sa(a);
    EXPECT_EQ(ScopedContext::Current(), &a);
    Context b{"b", ""};
    {
      ScopedContext sb(b);
      EXPECT_EQ(ScopedContext::Current()->request_id, "b");
    }
    EXPECT_EQ(ScopedContext::Current(), &a);
  }
  EXPECT_EQ(ScopedContext::Current(), nullptr);
}

TEST(LogLevelTest, ParseAndFilter) {
  EXPECT_EQ(*ParseLevel("WARNING"), Level::kWarn);
  EXPECT_EQ(*ParseLevel("debug"), Level::kDebug);
  auto bad = ParseLevel("loud");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("EDA_LOG_LEVEL"), std::string::npos);
  SetLevel(Level::kWarn);
  EXPECT_FALSE(Enabled(Level::kInfo));
  EXPECT_TRUE(Enabled(Level::kError));
  SetLevel(Level::kInfo);
}

TEST(LogInitTest, InvalidEnvLevelReportedAndInfoKept) {
  setenv("EDA_LOG_LEVEL", "chatty", 1);
  auto st = Init({.service = "t", .level = std::nullopt, .async = false});
  unsetenv("EDA_LOG_LEVEL");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(CurrentLevel(), Level::kInfo);
  Info("still logs", {{"k", 1}});
}

}  // namespace
}  // namespace eda::log
