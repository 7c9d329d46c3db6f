#include "eda/httpclient/message.hpp"

#include <gtest/gtest.h>

#include "eda/httpclient/errc.hpp"

namespace eda::httpclient {
namespace {

TEST(MessageTest, BasicAuthorizationMatchesTossDocs) {
  // The header value the Toss Payments docs show for their public test key (see reference page).
  EXPECT_EQ(BasicAuthorization("test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", ""),
            "Basic dGVzdF9nc2tfZG9jc19PYVB6OEw1S2RtUVhrelJ6M3k0N0JNdzY6");
  EXPECT_EQ(BasicAuthorization("a", "b"), "Basic YTpi");
}

TEST(MessageTest, HeadersCaseInsensitiveAndRedacted) {
  Headers h{{"Content-Type", "text/plain"}, {"authorization", "Basic x"}, {"Cookie", "s=1"}, {"X-Trace", "t"}};
  EXPECT_EQ(FindHeader(h, "content-type").value_or(""), "text/plain");
  EXPECT_FALSE(FindHeader(h, "Accept").has_value());
  Headers r = RedactHeaders(h);
  EXPECT_EQ(FindHeader(r, "Authorization").value_or(""), "<redacted>");
  EXPECT_EQ(FindHeader(r, "cookie").value_or(""), "<redacted>");
  EXPECT_EQ(FindHeader(r, "X-Trace").value_or(""), "t");
}

TEST(MessageTest, JsonHelpers) {
  Request req = Request::Json(Method::kPost, "http://h/", boost::json::object{{"a", 1}});
  EXPECT_EQ(req.body, R"({"a":1})");
  EXPECT_EQ(FindHeader(req.headers, "Content-Type").value_or(""), "application/json");
  Response ok{200, {}, R"({"b":[1,2]})"};
  EXPECT_EQ(ok.Json().value().at("b").as_array().size(), 2u);
  Response bad{502, {}, "<html>bad gateway</html>"};
  EXPECT_EQ(bad.Json().error().code, errc::kBadJson);
  EXPECT_FALSE(bad.IsSuccess());
}

}  // namespace
}  // namespace eda::httpclient
