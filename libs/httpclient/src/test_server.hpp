#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace eda::httpclient::testing {

// A self-signed certificate (also its own CA) made with OpenSSL at test time.
struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};

// `subject_alt_names` in OpenSSL syntax, e.g. "DNS:localhost,IP:127.0.0.1".
TestCertificate MakeSelfSignedCertificate(const std::string& subject_alt_names);

// Writes `text` to a new file in the temp directory and returns its path.
std::string WriteTempFile(const std::string& text);

// A request as the server saw it.
struct SeenRequest {
  std::string method;
  std::string target;
  std::string authorization;
  std::string content_type;
  std::string body;
  int connection = 0;  // 1-based index of the connection it arrived on
};

// An HTTP/1.1 server on 127.0.0.1:<ephemeral> running on its own thread, for client tests.
// Answers 200 with a JSON echo {"method","target","body","connection"}; GET /big answers 64 KiB.
class TestServer {
 public:
  struct Options {
    std::shared_ptr<boost::asio::ssl::context> tls;  // null: plain HTTP
    int drop_first_connections = 0;   // read the request on these, then close without answering
    std::chrono::milliseconds delay{0};  // wait before every answer
    bool close_after_response = false;   // answer with keep-alive, then close anyway (stale pool entry)
  };

  explicit TestServer(Options options);
  ~TestServer();

  unsigned short port() const { return port_; }
  int connections() const { return connections_.load(); }
  std::vector<SeenRequest> requests();

  // A TLS server context using `cert`.
  static std::shared_ptr<boost::asio::ssl::context> TlsContext(const TestCertificate& cert);

 private:
  struct Session;
  Options options_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<SeenRequest> requests_;
  std::thread thread_;
};

}  // namespace eda::httpclient::testing
