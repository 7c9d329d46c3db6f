#include "loadgen/stats.hpp"

#include <gtest/gtest.h>

namespace eda::loadgen {
namespace {
using namespace std::chrono_literals;

Reply ReplyWith(int status, std::string body = {}) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(ErrorKey, NamesStatusProblemCodeOrTransport) {
  EXPECT_EQ(ErrorKey(ReplyWith(200)), "");
  EXPECT_EQ(ErrorKey(ReplyWith(303)), "");
  EXPECT_EQ(ErrorKey(ReplyWith(422, R"({"type":"x","code":"product_not_found"})")), "422 product_not_found");
  EXPECT_EQ(ErrorKey(ReplyWith(503, "<html>")), "503");
  Reply t;
  t.error = "connect";
  EXPECT_EQ(ErrorKey(t), "transport connect");
}

TEST(Recorder, CountsOnlyCallsStartedInTheWindowButPlotsAll) {
  const auto t0 = Clock::now();
  Recorder rec(t0, 2s, 10s);
  rec.Call("catalog.get", t0 + 1s, t0 + 1s + 3ms, ReplyWith(200));             // warm-up: series only
  rec.Call("catalog.get", t0 + 3s, t0 + 3s + 5ms, ReplyWith(200));
  rec.Call("catalog.get", t0 + 4s, t0 + 4s + 7ms, ReplyWith(404, R"({"code":"product_not_found"})"));
  rec.Call("catalog.get", t0 + 13s, t0 + 13s + 1ms, ReplyWith(200));           // after the window
  rec.Flow("flow.buy", t0 + 5s, t0 + 5s + 40ms, true);
  rec.Saga("saga.delivery_requested", t0 + 5s, t0 + 7s, std::chrono::microseconds{800'000});
  rec.SagaOutcome("saga.delivery_requested", t0 + 6s, "timeout in PAID");
  rec.Dropped(t0 + 5s);
  const auto& st = rec.Steps().at("catalog.get");
  EXPECT_EQ(st.ok, 1u);
  EXPECT_EQ(st.errors.at("404 product_not_found"), 1u);
  EXPECT_EQ(st.latency_us.Count(), 1u);
  auto j = rec.ToJson(10);
  const auto& totals = j.at("totals").as_object();
  EXPECT_EQ(totals.at("ok").as_uint64(), 1u);
  EXPECT_EQ(totals.at("errors").as_uint64(), 2u);  // the 404 and the dropped arrival
  EXPECT_EQ(totals.at("purchases").as_uint64(), 1u);
  EXPECT_EQ(totals.at("sagas_delivery_requested").as_uint64(), 1u);
  EXPECT_EQ(totals.at("sagas_not_completed").as_uint64(), 1u);
  const auto& series = j.at("series").as_array();
  ASSERT_GE(series.size(), 14u);
  EXPECT_EQ(series[1].as_object().at("requests").as_uint64(), 1u);  // the warm-up call is plotted
  EXPECT_DOUBLE_EQ(series[0].as_object().at("t").as_double(), -2.0);
  EXPECT_EQ(series[13].as_object().at("requests").as_uint64(), 1u);
  const auto& saga = j.at("flows").as_object().at("saga.delivery_requested").as_object();
  EXPECT_DOUBLE_EQ(saga.at("latency").as_object().at("p50_ms").as_double(), 800.0);
}

}  // namespace
}  // namespace eda::loadgen
