#include "test_server.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace eda::httpclient::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("openssl: ") + what);
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr, "extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

template <class Stream>
asio::awaitable<void> Serve(Stream& stream, TestServer::Options& options, int connection,
                            std::mutex& mu, std::vector<SeenRequest>& seen) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    auto [rec, n] = co_await http::async_read(stream, buffer, req, kTuple);
    if (rec) co_return;
    {
      std::lock_guard lock(mu);
      seen.push_back(SeenRequest{std::string(req.method_string()), std::string(req.target()),
                                 std::string(req[http::field::authorization]),
                                 std::string(req[http::field::content_type]), req.body(), connection});
    }
    if (connection <= options.drop_first_connections) co_return;
    if (options.delay.count() > 0) {
      asio::steady_timer t(co_await asio::this_coro::executor, options.delay);
      co_await t.async_wait(kTuple);
    }
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    if (req.target() == "/big") {
      res.body() = std::string(64 * 1024, 'x');
    } else {
      res.body() = boost::json::serialize(boost::json::object{{"method", std::string(req.method_string())},
                                                              {"target", std::string(req.target())},
                                                              {"body", req.body()},
                                                              {"connection", connection}});
    }
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    auto [wec, w] = co_await http::async_write(stream, res, kTuple);
    if (wec || !req.keep_alive() || options.close_after_response) co_return;
  }
}

}  // namespace

TestCertificate MakeSelfSignedCertificate(const std::string& subject_alt_names) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  Check(key != nullptr, "keygen");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::random_device{}() & 0x7fffffff));
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("eda test CA"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign");
  AddExtension(cert, NID_ext_key_usage, "serverAuth");
  AddExtension(cert, NID_subject_key_identifier, "hash");
  AddExtension(cert, NID_subject_alt_name, subject_alt_names.c_str());
  Check(X509_sign(cert, key, EVP_sha256()) > 0, "sign");

  TestCertificate out;
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  out.cert_pem = BioToString(bio);
  BIO_free(bio);
  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = BioToString(bio);
  BIO_free(bio);
  X509_free(cert);
  EVP_PKEY_free(key);
  return out;
}

std::string WriteTempFile(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("eda-httpclient-test-" + std::to_string(std::random_device{}()) + ".pem");
  std::ofstream(path) << text;
  return path.string();
}

std::shared_ptr<asio::ssl::context> TestServer::TlsContext(const TestCertificate& cert) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->use_certificate_chain(asio::buffer(cert.cert_pem));
  ctx->use_private_key(asio::buffer(cert.key_pem), asio::ssl::context::pem);
  return ctx;
}

TestServer::TestServer(Options options)
    : options_(std::move(options)), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(
      ioc_,
      [this]() -> asio::awaitable<void> {
        for (;;) {
          auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
          if (ec) co_return;
          const int connection = ++connections_;
          asio::co_spawn(
              ioc_,
              [this, connection, s = std::move(socket)]() mutable -> asio::awaitable<void> {
                beast::tcp_stream tcp(std::move(s));
                if (!options_.tls) {
                  co_await Serve(tcp, options_, connection, mu_, requests_);
                  co_return;
                }
                beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), *options_.tls);
                auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::server, kTuple);
                if (hec) co_return;
                co_await Serve(tls, options_, connection, mu_, requests_);
              },
              asio::detached);
        }
      },
      asio::detached);
  thread_ = std::thread([this] { ioc_.run(); });
}

TestServer::~TestServer() {
  ioc_.stop();
  thread_.join();
}

std::vector<SeenRequest> TestServer::requests() {
  std::lock_guard lock(mu_);
  return requests_;
}

}  // namespace eda::httpclient::testing
