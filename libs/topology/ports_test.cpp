#include "eda/topology/ports.hpp"

#include <gtest/gtest.h>

#include <set>

namespace eda::topology {
namespace {

TEST(Ports, EveryComponentHasItsOwnPort) {
  const std::set<std::uint16_t> ports = {kTossSandboxPort, kCarrierSimPort, kMemberPort, kPaymentPort,
                                         kDeliveryPort,    kSearchPort,     kCatalogPort, kOrderPort};
  EXPECT_EQ(ports.size(), 8u);
}

TEST(Ports, LocalUrlNamesTheLoopbackAddress) {
  EXPECT_EQ(LocalUrl(kOrderPort), "http://127.0.0.1:" + std::to_string(kOrderPort));
}

}  // namespace
}  // namespace eda::topology
