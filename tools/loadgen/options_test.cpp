#include "loadgen/options.hpp"

#include <gtest/gtest.h>

namespace eda::loadgen {
namespace {

TEST(Mix, ParsesWeightsAndPicksByShare) {
  auto mix = ParseMix("view=3,buy=1");
  ASSERT_TRUE(mix) << mix.error().message;
  EXPECT_DOUBLE_EQ(mix->Share(Action::kView), 0.75);
  EXPECT_DOUBLE_EQ(mix->Share(Action::kBrowse), 0.0);
  EXPECT_EQ(mix->Pick(0.0), Action::kView);
  EXPECT_EQ(mix->Pick(0.74), Action::kView);
  EXPECT_EQ(mix->Pick(0.76), Action::kBuy);
  EXPECT_EQ(mix->Pick(0.999999), Action::kBuy);
}

TEST(Mix, RefusesNonsense) {
  EXPECT_EQ(ParseMix("fly=1").error().code, "loadgen.bad_mix");
  EXPECT_FALSE(ParseMix("buy=-1"));
  EXPECT_FALSE(ParseMix("buy=0"));
  EXPECT_FALSE(ParseMix("buy"));
  EXPECT_FALSE(ParseMix("buy=x"));
}

TEST(Options, ParsesFlags) {
  auto o = ParseOptions({"--model", "open", "--rate", "12.5", "--duration", "7", "--mix", "buy=1", "--track",
                         "requested", "--client", "httpclient", "--json", "/tmp/x.json", "--quiet", "--skip-ready"});
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->model, Model::kOpen);
  EXPECT_DOUBLE_EQ(o->rate, 12.5);
  EXPECT_EQ(o->duration, std::chrono::seconds{7});
  EXPECT_DOUBLE_EQ(o->mix.Share(Action::kBuy), 1.0);
  EXPECT_EQ(o->track, TrackUntil::kRequested);
  EXPECT_EQ(o->client, ClientKind::kHttpclient);
  EXPECT_EQ(o->json_path, "/tmp/x.json");
  EXPECT_TRUE(o->quiet);
  EXPECT_TRUE(o->skip_ready);
  EXPECT_FALSE(ParseOptions({"--quiet"})->skip_ready);
}

TEST(Options, ExplainsMistakes) {
  auto unknown = ParseOptions({"--fast"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("--fast"), std::string::npos);
  EXPECT_FALSE(ParseOptions({"--users", "0"}));
  EXPECT_FALSE(ParseOptions({"--rate"}));
  EXPECT_FALSE(ParseOptions({"--model", "sideways"}));
}

TEST(Endpoint, ParsesLoopbackUrls) {
  Endpoint e;
  ASSERT_TRUE(ParseEndpoint("order", "http://127.0.0.1:48086/", e));
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, "48086");
  EXPECT_EQ(e.base, "http://127.0.0.1:48086");
  EXPECT_FALSE(ParseEndpoint("order", "https://x:1", e));
  EXPECT_FALSE(ParseEndpoint("order", "http://x:1/path", e));
  EXPECT_FALSE(ParseEndpoint("order", "http://x:port", e));
}

}  // namespace
}  // namespace eda::loadgen
