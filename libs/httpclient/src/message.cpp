#include "eda/httpclient/message.hpp"

#include <openssl/evp.h>

#include <array>
#include <boost/beast/core/string.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "eda/httpclient/errc.hpp"

namespace eda::httpclient {

std::string_view MethodName(Method method) noexcept {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name) noexcept {
  for (const auto& [n, v] : headers) {
    if (boost::beast::iequals(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Headers RedactHeaders(const Headers& headers) {
  static constexpr std::array<std::string_view, 5> kSecret = {"authorization", "proxy-authorization", "cookie",
                                                              "set-cookie", "x-api-key"};
  Headers out = headers;
  for (auto& [name, value] : out) {
    for (std::string_view s : kSecret) {
      if (boost::beast::iequals(name, s)) value = "<redacted>";
    }
  }
  return out;
}

std::string BasicAuthorization(std::string_view user, std::string_view password) {
  std::string plain;
  plain.reserve(user.size() + 1 + password.size());
  plain.append(user).append(1, ':').append(password);
  std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
  encoded.resize(static_cast<std::size_t>(n));
  OPENSSL_cleanse(plain.data(), plain.size());  // it holds the secret key
  return "Basic " + encoded;
}

Request Request::Json(Method method, std::string url, const boost::json::value& body) {
  Request r;
  r.method = method;
  r.url = std::move(url);
  r.body = boost::json::serialize(body);
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("Accept", "application/json");
  return r;
}

Result<boost::json::value> Response::Json() const {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return Error::Permanent(std::string(errc::kBadJson), "response body is not JSON: " + ec.message());
  return v;
}

}  // namespace eda::httpclient
