// eda::toss::Client against the real emulator (tools/toss-sandbox) in-process on a loopback port.
#include <gtest/gtest.h>

#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/core/uuid.hpp"
#include "eda/toss/client.hpp"
#include "eda/toss/testing/sandbox.hpp"

namespace eda::toss {
namespace {

using namespace std::chrono_literals;

class ClientSandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { ioc_.run(); });
    Settings s;
    s.base_url = sandbox_.base_url();
    s.secret_key = config::Secret(std::string("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"));
    s.post_timeout = 1500ms;
    auto c = Client::Create(ioc_.get_executor(), s);
    ASSERT_TRUE(c.ok());
    client_ = std::move(c).value();
  }
  void TearDown() override {
    client_.reset();
    work_.reset();
    ioc_.stop();
    thread_.join();
  }
  static std::string NewOrderId() { return "ORD" + NewUuid().substr(0, 8) + NewUuid().substr(0, 8); }

  testing::InProcessSandbox sandbox_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread thread_;
  std::unique_ptr<Client> client_;
};

TEST_F(ClientSandboxTest, ConfirmLookupAndFullCancel) {
  const std::string order = NewOrderId();
  auto key = sandbox_.OpenWindow(order, 15000, {{"memberId", "7"}});
  ASSERT_TRUE(key.ok());
  auto confirmed = client_->Confirm({*key, order, 15000, NewUuid()});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().code;
  EXPECT_EQ(confirmed->status, PaymentStatus::kDone);
  EXPECT_EQ(confirmed->total_amount, 15000);
  EXPECT_TRUE(confirmed->approved_at.has_value());
  EXPECT_EQ(confirmed->metadata.at("memberId"), "7");

  auto by_order = client_->GetByOrderId(order);
  ASSERT_TRUE(by_order.ok());
  EXPECT_EQ(by_order->payment_key, *key);
  auto by_key = client_->GetByPaymentKey(*key);
  ASSERT_TRUE(by_key.ok());
  EXPECT_EQ(by_key->order_id, order);

  const std::string cancel_key = NewUuid();
  auto canceled = client_->Cancel({*key, "재고 부족", std::nullopt, cancel_key});
  ASSERT_TRUE(canceled.ok()) << canceled.error().code;
  EXPECT_EQ(canceled->status, PaymentStatus::kCanceled);
  EXPECT_EQ(canceled->balance_amount, 0);
  ASSERT_EQ(canceled->cancels.size(), 1u);
  // Same Idempotency-Key: the first answer is replayed, no second refund.
  auto again = client_->Cancel({*key, "재고 부족", std::nullopt, cancel_key});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->cancels.size(), 1u);
  EXPECT_EQ(sandbox_.Refunded(), 15000);
  // A new key on a canceled payment: already done.
  auto other = client_->Cancel({*key, "재고 부족", std::nullopt, NewUuid()});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "ALREADY_CANCELED_PAYMENT");
  EXPECT_EQ(other.error().error_class, ErrorClass::kAlreadyDone);
}

TEST_F(ClientSandboxTest, DeclinedConfirmIsTerminalAndChargesNothing) {
  const std::string order = NewOrderId();
  auto key = sandbox_.OpenWindow(order, 5000, {}, /*decline=*/true);
  ASSERT_TRUE(key.ok());
  auto r = client_->Confirm({*key, order, 5000, NewUuid()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error_class, ErrorClass::kTerminal) << r.error().code;
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_EQ(sandbox_.Charged(), 0);
}

TEST_F(ClientSandboxTest, SecondConfirmWithANewKeyIsAlreadyDoneAndSameKeyReplays) {
  const std::string order = NewOrderId();
  auto key = sandbox_.OpenWindow(order, 1000);
  ASSERT_TRUE(key.ok());
  const std::string idem = NewUuid();
  ASSERT_TRUE(client_->Confirm({*key, order, 1000, idem}).ok());
  auto replay = client_->Confirm({*key, order, 1000, idem});
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->status, PaymentStatus::kDone);
  auto second = client_->Confirm({*key, order, 1000, NewUuid()});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "ALREADY_PROCESSED_PAYMENT");
  EXPECT_EQ(second.error().error_class, ErrorClass::kAlreadyDone);
  EXPECT_EQ(sandbox_.Charged(), 1000);
}

TEST_F(ClientSandboxTest, ProcessedThen500IsOutcomeUnknownAndTheLookupShowsDone) {
  const std::string order = NewOrderId();
  auto key = sandbox_.OpenWindow(order, 2000);
  ASSERT_TRUE(key.ok());
  sandbox_.SetFaults(0, 1.0);
  auto r = client_->Confirm({*key, order, 2000, NewUuid()});
  sandbox_.SetFaults(0, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_EQ(r.error().error_class, ErrorClass::kOutcomeUnknown);
  auto look = client_->GetByOrderId(order);
  ASSERT_TRUE(look.ok());
  EXPECT_EQ(look->status, PaymentStatus::kDone);
  EXPECT_EQ(sandbox_.Charged(), 2000);
}

TEST_F(ClientSandboxTest, WrongKeyIsTerminalAndUnknownPaymentIsNotFound) {
  Settings s;
  s.base_url = sandbox_.base_url();
  s.secret_key = config::Secret(std::string("test_sk_not_a_known_key"));
  auto bad = Client::Create(ioc_.get_executor(), s);
  ASSERT_TRUE(bad.ok());
  auto r = (*bad)->GetByOrderId("ORDnothing123");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "UNAUTHORIZED_KEY");
  EXPECT_EQ(r.error().error_class, ErrorClass::kTerminal);
  auto nf = client_->GetByPaymentKey("no-such-key");
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.error().code, "NOT_FOUND_PAYMENT");
}

TEST_F(ClientSandboxTest, TransportFailureOnConfirmIsOutcomeUnknownConnectRefusedIsTransient) {
  Settings s;
  s.base_url = "http://127.0.0.1:1";  // nothing listens
  s.post_timeout = 500ms;
  auto c = Client::Create(ioc_.get_executor(), s);
  ASSERT_TRUE(c.ok());
  auto r = (*c)->Confirm({"k", "ORDx123456", 1, NewUuid()});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().transport());
  EXPECT_EQ(r.error().error_class, ErrorClass::kTransient) << r.error().code;
}

}  // namespace
}  // namespace eda::toss
