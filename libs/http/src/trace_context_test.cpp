#include "eda/http/trace_context.hpp"

#include <gtest/gtest.h>

#include "eda/http/dispatcher.hpp"
#include "eda/http/request.hpp"

namespace eda::http {
namespace {

constexpr std::string_view kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContextTest, ParsesValidHeader) {
  auto t = TraceContext::Parse(kValid);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t->span_id(), "00f067aa0ba902b7");
  EXPECT_TRUE(t->sampled());
  EXPECT_EQ(t->ToHeader(), kValid);
}

TEST(TraceContextTest, RejectsInvalidHeaders) {
  EXPECT_FALSE(TraceContext::Parse(""));
  EXPECT_FALSE(TraceContext::Parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));  // uppercase
  EXPECT_FALSE(TraceContext::Parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));  // zero trace
  EXPECT_FALSE(TraceContext::Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));  // zero span
  EXPECT_FALSE(TraceContext::Parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));  // bad version
  EXPECT_FALSE(TraceContext::Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x"));  // v00 extra
  EXPECT_FALSE(TraceContext::Parse("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_TRUE(TraceContext::Parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"));
}

TEST(TraceContextTest, ChildKeepsTraceWithNewSpan) {
  auto parent = *TraceContext::Parse(kValid);
  auto child = parent.NewChild();
  EXPECT_EQ(child.trace_id(), parent.trace_id());
  EXPECT_EQ(child.parent_span_id(), parent.span_id());
  EXPECT_NE(child.span_id(), parent.span_id());
  EXPECT_EQ(child.span_id().size(), 16u);
  EXPECT_TRUE(TraceContext::Parse(child.ToHeader()).has_value());
}

TEST(TraceContextTest, NewRootIsValidAndRandom) {
  auto a = TraceContext::NewRoot(), b = TraceContext::NewRoot();
  EXPECT_TRUE(TraceContext::Parse(a.ToHeader()).has_value());
  EXPECT_NE(a.trace_id(), b.trace_id());
  EXPECT_TRUE(a.parent_span_id().empty());
}

TEST(RequestIdTest, AcceptsValidIncomingIdElseGenerates) {
  Headers h;
  h.Add("x-request-id", "client-abc-1");
  h.Add("traceparent", std::string(kValid));
  Request req(Method::kGet, "/x", h);
  Dispatcher::AssignIds(req);
  EXPECT_EQ(req.request_id(), "client-abc-1");
  EXPECT_EQ(req.trace().trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(req.trace().parent_span_id(), "00f067aa0ba902b7");
  EXPECT_EQ(req.log_context().trace_id, req.trace().trace_id());

  Headers bad;
  bad.Add("X-Request-Id", "has space");
  bad.Add("traceparent", "garbage");
  Request req2(Method::kGet, "/x", bad);
  Dispatcher::AssignIds(req2);
  EXPECT_EQ(req2.request_id().size(), 36u);  // UUID
  EXPECT_NE(req2.request_id(), "has space");
  EXPECT_EQ(req2.trace().trace_id().size(), 32u);
  EXPECT_FALSE(Dispatcher::IsValidRequestId(std::string(129, 'a')));
  EXPECT_TRUE(Dispatcher::IsValidRequestId(std::string(128, 'a')));
  EXPECT_TRUE(Dispatcher::IsValidRequestId("9f1c2e4a-0b6d-4c1e-8a55-3f2d1e0c9b7a"));
  EXPECT_TRUE(Dispatcher::IsValidRequestId("svc.order:42_A"));
  // Anything that could forge a log field, split a header or reach a page is replaced.
  for (const char* forged : {"a\"b", "x=1", "id;drop", "<script>", "a,b", "ü", "a\tb"}) {
    EXPECT_FALSE(Dispatcher::IsValidRequestId(forged)) << forged;
  }
}

TEST(RequestTest, QueryAndPathParams) {
  Request req(Method::kGet, "/search?q=red+shoe&page=2&bad=x%ZZ&flag");
  EXPECT_EQ(req.path(), "/search");
  EXPECT_EQ(req.query_string(), "q=red+shoe&page=2&bad=x%ZZ&flag");
  EXPECT_FALSE(req.query("q").has_value());  // invalid escape anywhere: the query is rejected
  Request ok(Method::kGet, "/search?q=red+shoe%21&page=2&flag");
  EXPECT_EQ(ok.query("q"), "red shoe!");
  EXPECT_EQ(ok.query_int("page"), 2);
  EXPECT_EQ(ok.query("flag"), "");
  EXPECT_FALSE(ok.query("none").has_value());
  EXPECT_FALSE(ok.query_int("q").has_value());
  ok.SetRoute("/search/{id}", {{"id", "12"}, {"name", "x"}});
  EXPECT_EQ(ok.path_param_int("id"), 12);
  EXPECT_FALSE(ok.path_param_int("name").has_value());
  EXPECT_EQ(ok.path_param("missing"), "");
}

}  // namespace
}  // namespace eda::http
