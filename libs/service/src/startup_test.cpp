#include "eda/service/startup.hpp"

#include <gtest/gtest.h>

namespace eda::service {
namespace {

TEST(Startup, FailReturnsExitCodeOneAndStoppedPassesTheCodeThrough) {
  StartLogging("svc-test");
  EXPECT_EQ(ServiceName(), "svc-test");
  EXPECT_EQ(FailStartup("settings", Error::Permanent("x.y", "broken")), 1);
  EXPECT_EQ(ReportStopped(0), 0);
  EXPECT_EQ(ReportStopped(3), 3);
}

}  // namespace
}  // namespace eda::service
