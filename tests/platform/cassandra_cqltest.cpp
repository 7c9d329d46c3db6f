// Cassandra's CQL port speaks the native protocol v4: OPTIONS is answered with SUPPORTED listing
// the CQL version and v4, and STARTUP with AUTHENTICATE. Raw frames over a TCP socket, no driver.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

constexpr std::uint8_t kRequestV4 = 0x04;
constexpr std::uint8_t kResponseV4 = 0x84;
constexpr std::uint8_t kOpError = 0x00;
constexpr std::uint8_t kOpStartup = 0x01;
constexpr std::uint8_t kOpAuthenticate = 0x03;
constexpr std::uint8_t kOpQuery = 0x07;
constexpr std::uint8_t kOpOptions = 0x05;
constexpr std::uint8_t kOpSupported = 0x06;

struct Frame {
  std::uint8_t version = 0;
  std::uint8_t flags = 0;
  std::int16_t stream = 0;
  std::uint8_t opcode = 0;
  std::vector<std::uint8_t> body;
};

class CqlSocket {
 public:
  CqlSocket(const std::string& host, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~CqlSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  CqlSocket(const CqlSocket&) = delete;
  CqlSocket& operator=(const CqlSocket&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::int16_t stream, std::uint8_t opcode, const std::vector<std::uint8_t>& body) {
    std::vector<std::uint8_t> out = {kRequestV4, 0x00, static_cast<std::uint8_t>((stream >> 8) & 0xff),
                                     static_cast<std::uint8_t>(stream & 0xff), opcode};
    const auto len = static_cast<std::uint32_t>(body.size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>((len >> shift) & 0xff));
    out.insert(out.end(), body.begin(), body.end());
    return ::send(fd_, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
  }

  bool Receive(Frame& frame) {
    std::uint8_t header[9];
    if (!ReadExactly(header, sizeof header)) return false;
    frame.version = header[0];
    frame.flags = header[1];
    frame.stream = static_cast<std::int16_t>((header[2] << 8) | header[3]);
    frame.opcode = header[4];
    const std::uint32_t len = (std::uint32_t{header[5]} << 24) | (std::uint32_t{header[6]} << 16) |
                              (std::uint32_t{header[7]} << 8) | std::uint32_t{header[8]};
    if (len > (16u << 20)) return false;
    frame.body.resize(len);
    return len == 0 || ReadExactly(frame.body.data(), len);
  }

 private:
  bool ReadExactly(std::uint8_t* dst, std::size_t n) {
    while (n > 0) {
      ssize_t got = ::recv(fd_, dst, n, 0);
      if (got <= 0) return false;
      dst += got;
      n -= static_cast<std::size_t>(got);
    }
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
};

// [string multimap]: [short n] then n x ([string] key, [string list] values).
std::map<std::string, std::vector<std::string>> ParseStringMultimap(const std::vector<std::uint8_t>& b) {
  std::size_t pos = 0;
  auto read_short = [&]() -> std::uint16_t {
    if (pos + 2 > b.size()) throw std::out_of_range("short");
    std::uint16_t v = static_cast<std::uint16_t>((b[pos] << 8) | b[pos + 1]);
    pos += 2;
    return v;
  };
  auto read_string = [&]() {
    const std::uint16_t n = read_short();
    if (pos + n > b.size()) throw std::out_of_range("string");
    std::string s(b.begin() + static_cast<std::ptrdiff_t>(pos), b.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    return s;
  };
  std::map<std::string, std::vector<std::string>> out;
  for (std::uint16_t i = 0, n = read_short(); i < n; ++i) {
    std::string key = read_string();
    std::vector<std::string> values;
    for (std::uint16_t j = 0, m = read_short(); j < m; ++j) values.push_back(read_string());
    out.emplace(std::move(key), std::move(values));
  }
  return out;
}

std::vector<std::uint8_t> StringMap(const std::map<std::string, std::string>& m) {
  std::vector<std::uint8_t> out;
  auto put_string = [&](const std::string& s) {
    out.push_back(static_cast<std::uint8_t>(s.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(s.size() & 0xff));
    out.insert(out.end(), s.begin(), s.end());
  };
  out.push_back(static_cast<std::uint8_t>(m.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(m.size() & 0xff));
  for (const auto& [k, v] : m) {
    put_string(k);
    put_string(v);
  }
  return out;
}

class CassandraPlatform : public ::testing::Test {
 protected:
  CassandraPlatform()
      : socket_(EnvOr("EDA_CASSANDRA_HOST", "127.0.0.1"), PortEnvOr("EDA_CASSANDRA_PORT", 29042)) {}
  CqlSocket socket_;
};

TEST_F(CassandraPlatform, OptionsIsAnsweredWithSupported) {
  ASSERT_TRUE(socket_.connected()) << "CQL port not reachable";
  ASSERT_TRUE(socket_.Send(7, kOpOptions, {}));
  Frame reply;
  ASSERT_TRUE(socket_.Receive(reply));
  EXPECT_EQ(reply.version, kResponseV4);
  EXPECT_EQ(reply.stream, 7);
  ASSERT_EQ(reply.opcode, kOpSupported);
  const auto supported = ParseStringMultimap(reply.body);
  ASSERT_TRUE(supported.count("CQL_VERSION"));
  ASSERT_FALSE(supported.at("CQL_VERSION").empty());
  EXPECT_EQ(supported.at("CQL_VERSION").front().substr(0, 2), "3.");
  ASSERT_TRUE(supported.count("PROTOCOL_VERSIONS"));
  const auto& versions = supported.at("PROTOCOL_VERSIONS");
  EXPECT_NE(std::find(versions.begin(), versions.end(), "4/v4"), versions.end());
}

// ./eda runs PasswordAuthenticator: STARTUP is answered with AUTHENTICATE, never READY, and a
// query sent without logging in is refused.
TEST_F(CassandraPlatform, StartupAsksForAPassword) {
  ASSERT_TRUE(socket_.connected()) << "CQL port not reachable";
  ASSERT_TRUE(socket_.Send(1, kOpStartup, StringMap({{"CQL_VERSION", "3.0.0"}})));
  Frame reply;
  ASSERT_TRUE(socket_.Receive(reply));
  EXPECT_EQ(reply.version, kResponseV4);
  EXPECT_EQ(reply.stream, 1);
  ASSERT_EQ(reply.opcode, kOpAuthenticate) << "expected AUTHENTICATE; READY would mean anyone gets in";
  const std::string authenticator(reply.body.begin() + 2, reply.body.end());
  EXPECT_NE(authenticator.find("PasswordAuthenticator"), std::string::npos) << authenticator;

  std::vector<std::uint8_t> query;
  const std::string cql = "SELECT release_version FROM system.local";
  for (int shift = 24; shift >= 0; shift -= 8) query.push_back(static_cast<std::uint8_t>((cql.size() >> shift) & 0xff));
  query.insert(query.end(), cql.begin(), cql.end());
  query.insert(query.end(), {0x00, 0x01, 0x00});  // consistency ONE, no flags
  ASSERT_TRUE(socket_.Send(2, kOpQuery, query));
  ASSERT_TRUE(socket_.Receive(reply));
  EXPECT_EQ(reply.opcode, kOpError) << "a query before authentication must fail";
}

}  // namespace
}  // namespace eda::platform_test
