#include "eda/service/access_tokens.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/settings.hpp"
#include "eda/config/reader.hpp"
#include "eda/httpclient/client.hpp"
#include "eda/log/log.hpp"

namespace eda::service {
namespace {

using Entries = std::vector<auth::RevocationList::Entry>;

// Parses {"revocations":[{seq, memberId, minVersion}, ...]} (member_json.cpp's RevocationsJson).
Result<Entries> ParseRevocations(const httpclient::Response& res) {
  if (!res.IsSuccess()) return Error::Transient("auth.revocations", "member answered " + std::to_string(res.status));
  auto json = res.Json();
  const boost::json::object* obj = json ? json->if_object() : nullptr;
  const boost::json::value* list = obj ? obj->if_contains("revocations") : nullptr;
  if (list == nullptr || !list->is_array()) return Error::Transient("auth.revocations", "answer without revocations[]");
  Entries out;
  for (const boost::json::value& v : list->get_array()) {
    const boost::json::object* e = v.if_object();
    const auto field = [e](std::string_view name) -> const boost::json::value* {
      const boost::json::value* f = e ? e->if_contains(name) : nullptr;
      return f != nullptr && f->is_int64() ? f : nullptr;
    };
    const auto *seq = field("seq"), *member = field("memberId"), *min = field("minVersion");
    if (seq == nullptr || member == nullptr || min == nullptr) {
      return Error::Transient("auth.revocations", "a revocation without integer seq, memberId and minVersion");
    }
    out.push_back({seq->get_int64(), member->get_int64(), min->get_int64()});
  }
  return out;
}

// GET {member_url}/member/internal/token-revocations?after=N over a client with its own I/O thread.
class HttpRevocationSource {
 public:
  static Result<std::shared_ptr<HttpRevocationSource>> Create(std::string member_url) {
    auto self = std::shared_ptr<HttpRevocationSource>(new HttpRevocationSource(std::move(member_url)));
    auto client = httpclient::Client::Create(self->io_.get_executor());
    if (!client) return std::move(client).error();
    self->client_ = std::make_unique<httpclient::Client>(std::move(*client));
    self->thread_ = std::thread([raw = self.get()] { raw->io_.run(); });
    return self;
  }
  ~HttpRevocationSource() {
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  Result<Entries> Fetch(std::int64_t after) const {
    httpclient::Request req;
    req.method = httpclient::Method::kGet;
    req.url = url_ + "/member/internal/token-revocations?after=" + std::to_string(after);
    req.headers.emplace_back("Accept", "application/json");
    req.timeout = std::chrono::seconds(2);
    req.idempotent = true;
    auto res = client_->SendBlocking(std::move(req));
    if (!res) return std::move(res).error();
    return ParseRevocations(*res);
  }

 private:
  explicit HttpRevocationSource(std::string url) : url_(std::move(url)) {}
  std::string url_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  std::unique_ptr<httpclient::Client> client_;
  std::thread thread_;
};

}  // namespace

struct AccessTokens::Impl {
  Impl(auth::TokenVerifier v, std::chrono::seconds keep, RevocationSource s, std::chrono::milliseconds interval)
      : verifier(std::move(v)), revocations(keep), source(std::move(s)), poll_interval(interval) {}

  auth::TokenVerifier verifier;
  auth::RevocationList revocations;
  RevocationSource source;
  std::chrono::milliseconds poll_interval;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  bool failing = false;  // within a streak of failed polls (logged once)
  std::thread thread;
};

AccessTokens::AccessTokens(auth::TokenVerifier verifier, std::chrono::seconds keep, RevocationSource source,
                           std::chrono::milliseconds poll_interval)
    : impl_(std::make_unique<Impl>(std::move(verifier), keep, std::move(source), poll_interval)) {}

AccessTokens::~AccessTokens() { Stop(); }

std::string AccessTokens::AudienceOf(std::string_view service) { return "eda-" + std::string(service); }

Result<std::unique_ptr<AccessTokens>> AccessTokens::FromEnv(std::string_view service) {
  const std::string audience = AudienceOf(service);
  auto auth_settings = auth::LoadSettings(auth::KeyUse::kVerify, [&audience](std::string_view name) {
    auto value = auth::ProcessEnv(name);
    if (name == "EDA_JWT_AUDIENCE" && (!value || value->empty()) && !auth::ProcessEnv("EDA_JWT_AUDIENCE_FILE")) {
      return std::optional<std::string>(audience);
    }
    return value;
  });
  if (!auth_settings) return std::move(auth_settings).error();
  auto verifier = auth::TokenVerifier::Create(*auth_settings);
  if (!verifier) return std::move(verifier).error();
  config::Reader env;
  Settings settings;
  settings.member_url = env.GetString("EDA_MEMBER_URL", settings.member_url);
  settings.poll_interval = std::chrono::duration_cast<std::chrono::milliseconds>(
      env.GetDuration("EDA_AUTH_REVOCATION_POLL", settings.poll_interval));
  if (settings.poll_interval < std::chrono::milliseconds(10) || settings.poll_interval > std::chrono::seconds(60)) {
    env.AddError("EDA_AUTH_REVOCATION_POLL", "must be between 10ms and 60s");
  }
  if (auto ok = env.Finish(); !ok) return std::move(ok).error();
  auto source = HttpRevocationSource::Create(settings.member_url);
  if (!source) return std::move(source).error();
  return std::make_unique<AccessTokens>(
      std::move(*verifier), auth_settings->access_ttl + auth_settings->leeway,
      [source = *source](std::int64_t after) { return source->Fetch(after); }, settings.poll_interval);
}

void AccessTokens::Install(http::Server& server) {
  server.SetTokenVerifier(auth::MakeHttpTokenVerifier(impl_->verifier, impl_->revocations));
  server.AddReadinessCheck("token-revocations", [this]() -> boost::asio::awaitable<Status> {
    if (impl_->revocations.loaded()) co_return Status{};
    co_return Error::Transient("auth.revocations", "token revocations not loaded from the member service yet");
  });
}

Status AccessTokens::PollOnce() {
  // A full page moves the cursor; an answer that does not is the look-back only: done.
  for (;;) {
    const std::int64_t before = impl_->revocations.cursor();
    auto entries = impl_->source(before);
    if (!entries) {
      if (!std::exchange(impl_->failing, true)) {
        log::Warn("token revocations cannot be polled; the last ones stay in force",
                  {{"code", entries.error().code}, {"error", entries.error().message}});
      }
      return std::move(entries).error();
    }
    if (std::exchange(impl_->failing, false)) log::Info("token revocations polled again");
    impl_->revocations.Apply(*entries);
    if (impl_->revocations.cursor() == before) return {};
  }
}

void AccessTokens::Start() {
  impl_->thread = std::thread([this] {
    std::unique_lock lock(impl_->mutex);
    while (!impl_->stopping) {
      lock.unlock();
      (void)PollOnce();
      lock.lock();
      impl_->wake.wait_for(lock, impl_->poll_interval, [this] { return impl_->stopping; });
    }
  });
}

void AccessTokens::Stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

const auth::TokenVerifier& AccessTokens::verifier() const { return impl_->verifier; }
auth::RevocationList& AccessTokens::revocations() { return impl_->revocations; }

}  // namespace eda::service
