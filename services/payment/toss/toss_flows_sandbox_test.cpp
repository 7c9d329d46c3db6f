// RunConfirm / RunCancel through the real eda::toss::Client against the Toss emulator in-process,
// with the emulator's fault injection: "confirmed but 500" and plain 500s never charge twice.
#include <gtest/gtest.h>

#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/core/uuid.hpp"
#include "eda/toss/client.hpp"
#include "eda/toss/testing/sandbox.hpp"
#include "payment/domain/toss_flows.hpp"
#include "toss-sandbox/api/sandbox_app.hpp"

namespace eda::payment {
namespace {

using namespace std::chrono_literals;

class FlowsSandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { ioc_.run(); });
    toss::Settings s;
    s.base_url = sandbox_.base_url();
    s.secret_key = config::Secret(std::string("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"));
    client_ = toss::Client::Create(ioc_.get_executor(), s).value();
  }
  void TearDown() override {
    client_.reset();
    work_.reset();
    ioc_.stop();
    thread_.join();
  }
  toss::testing::InProcessSandbox sandbox_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread thread_;
  std::unique_ptr<toss::Client> client_;
  const RetryPolicy policy_{8, 1ms, 4ms};
  const Sleeper sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
};

TEST_F(FlowsSandboxTest, ConfirmedButFiveHundredIsChargedOnceAndRefundedToZero) {
  const std::string order = "ORD" + NewUuid().substr(0, 12);
  const std::string key = sandbox_.OpenWindow(order, 12000).value();
  sandbox_.SetFaults(0, 1.0);  // every /v1 call does its work, then answers 500
  ConfirmInput in{key, order, 12000, NewUuid(), NewUuid()};
  auto first = RunConfirm(*client_, in, {1, 1ms, 1ms}, sleep_);
  EXPECT_EQ(first.kind, ConfirmOutcome::Kind::kRetryLater);  // lookups answer 500 too
  sandbox_.SetFaults(0, 0);
  auto second = RunConfirm(*client_, in, policy_, sleep_);   // the redelivery, same keys
  ASSERT_EQ(second.kind, ConfirmOutcome::Kind::kApproved) << second.code;
  EXPECT_EQ(sandbox_.Charged(), 12000);
  EXPECT_EQ(sandbox_.ApprovedCountFor(order), 1);

  const std::string cancel_key = NewUuid();
  sandbox_.SetFaults(0.5, 0.5, 7);
  CancelOutcome c;
  for (int i = 0; i < 10 && c.kind != CancelOutcome::Kind::kRefunded; ++i) {
    c = RunCancel(*client_, {key, "재고 부족", std::nullopt, cancel_key}, policy_, sleep_);
  }
  sandbox_.SetFaults(0, 0);
  ASSERT_EQ(c.kind, CancelOutcome::Kind::kRefunded) << c.code;
  EXPECT_EQ(sandbox_.BalanceOf(key), 0);
  EXPECT_EQ(sandbox_.StatusOf(key), "CANCELED");
  EXPECT_EQ(sandbox_.Refunded(), 12000);
}

TEST_F(FlowsSandboxTest, DeclinedIsRefusedAndNothingCharged) {
  const std::string order = "ORD" + NewUuid().substr(0, 12);
  const std::string key = sandbox_.OpenWindow(order, 3000, {}, true).value();
  auto o = RunConfirm(*client_, {key, order, 3000, NewUuid(), NewUuid()}, policy_, sleep_);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_FALSE(o.code.empty());
  EXPECT_EQ(sandbox_.Charged(), 0);
}

TEST_F(FlowsSandboxTest, WrongAmountIsNotCharged) {
  const std::string order = "ORD" + NewUuid().substr(0, 12);
  const std::string key = sandbox_.OpenWindow(order, 3000).value();
  auto o = RunConfirm(*client_, {key, order, 2500, NewUuid(), NewUuid()}, policy_, sleep_);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_EQ(sandbox_.Charged() - sandbox_.Refunded(), 0);
}

// eda-payment's default secret (libs/toss: the docs widget key test_gsk_docs_…) must confirm the windows the
// order service opens with its default widget client key (test_gck_docs_…), so `./eda up` works
// without any key set; the docs API-individual key (test_sk_…) is refused for them (INVALID_API_KEY).
TEST_F(FlowsSandboxTest, DefaultSecretConfirmsWindowsOpenedWithTheOrderServicesClientKey) {
  const auto open = [&](const std::string& order) {
    toss_sandbox::WindowRequest w;
    w.order_id = order;
    w.order_name = "widget";
    w.amount = 4200;
    w.client_key = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm";
    return sandbox_.app().ledger().Authenticate(w).value().payment_key;
  };
  toss::Settings defaults;
  defaults.base_url = sandbox_.base_url();
  auto widget_client = toss::Client::Create(ioc_.get_executor(), defaults).value();
  const std::string ok_order = "ORD" + NewUuid().substr(0, 12);
  auto ok = RunConfirm(*widget_client, {open(ok_order), ok_order, 4200, NewUuid(), NewUuid()}, policy_, sleep_);
  EXPECT_EQ(ok.kind, ConfirmOutcome::Kind::kApproved) << ok.code;

  const std::string bad_order = "ORD" + NewUuid().substr(0, 12);
  auto bad = RunConfirm(*client_, {open(bad_order), bad_order, 4200, NewUuid(), NewUuid()}, policy_, sleep_);
  EXPECT_EQ(bad.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_EQ(bad.code, "INVALID_API_KEY");
}

}  // namespace
}  // namespace eda::payment
