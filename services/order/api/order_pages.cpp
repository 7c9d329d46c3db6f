#include "order/api/order_pages.hpp"

#include <boost/json.hpp>

namespace eda::order {
namespace {

std::string MetadataJson(const Order& o) {
  return boost::json::serialize(boost::json::object{{"address", o.address},
                                                    {"productId", std::to_string(o.product_id.value())},
                                                    {"productCount", std::to_string(o.product_count)},
                                                    {"memberId", std::to_string(o.member_id.value())},
                                                    {"deliveryCompany", o.delivery_company}});
}

// JSON text safe inside <script> (no "</script>" break-out): <, >, & become \u escapes, which is
// still the same JSON/JavaScript value since they can only occur inside string literals.
std::string JsSafe(const std::string& out) {
  std::string safe;
  for (char c : out) {
    if (c == '<') safe += "\\u003c";
    else if (c == '>') safe += "\\u003e";
    else if (c == '&') safe += "\\u0026";
    else safe += c;
  }
  return safe;
}

std::string JsString(std::string_view s) {
  return JsSafe(boost::json::serialize(boost::json::value(boost::json::string(s))));
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

http::Response HtmlPage(int status, std::string_view title, std::string_view body_html) {
  std::string html = "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
                     "</title></head><body><h1>" + HtmlEscape(title) + "</h1>" + std::string(body_html) +
                     "</body></html>";
  return http::Response::Text(status, std::move(html), "text/html; charset=utf-8");
}

http::Response CheckoutResponse(const Order& o, const Customer& c, const CheckoutSettings& s) {
  const std::string success_url = s.public_url + "/orders/success";
  const std::string fail_url = s.public_url + "/orders/failure";
  const std::string metadata = MetadataJson(o);
  if (s.sandbox()) {
    std::string url = s.toss_api_url + "/sandbox/checkout?clientKey=" + UrlEncode(s.client_key) +
                      "&orderId=" + UrlEncode(o.id.value()) + "&orderName=" + UrlEncode(o.order_name) +
                      "&amount=" + std::to_string(o.amount) + "&currency=KRW" +
                      "&customerKey=" + UrlEncode("member-" + std::to_string(o.member_id.value())) +
                      "&successUrl=" + UrlEncode(success_url) + "&failUrl=" + UrlEncode(fail_url) +
                      "&metadata=" + UrlEncode(metadata);
    if (!c.name.empty()) url += "&customerName=" + UrlEncode(c.name);
    if (!c.email.empty()) url += "&customerEmail=" + UrlEncode(c.email);
    if (!c.mobile_phone.empty()) url += "&customerMobilePhone=" + UrlEncode(c.mobile_phone);
    http::Response res = HtmlPage(303, "결제창으로 이동", "<p><a href=\"" + HtmlEscape(url) + "\">결제창 열기</a></p>");
    res.SetHeader("Location", url);
    return res;
  }
  std::string body = "<p>" + HtmlEscape(o.order_name) + " — " + std::to_string(o.amount) +
                     " KRW</p><div id=\"payment-method\"></div><div id=\"agreement\"></div>"
                     "<button id=\"pay\">결제하기</button>"
                     "<script src=\"https://js.tosspayments.com/v2/standard\"></script><script>\n"
                     "(async () => {\n"
                     "  const widgets = TossPayments(" + JsString(s.client_key) + ").widgets({customerKey: " +
                     JsString("member-" + std::to_string(o.member_id.value())) + "});\n"
                     "  await widgets.setAmount({currency: 'KRW', value: " + std::to_string(o.amount) + "});\n"
                     "  await Promise.all([widgets.renderPaymentMethods({selector: '#payment-method', variantKey: 'DEFAULT'}),\n"
                     "                     widgets.renderAgreement({selector: '#agreement', variantKey: 'AGREEMENT'})]);\n"
                     "  document.getElementById('pay').addEventListener('click', () => widgets.requestPayment({\n"
                     "    orderId: " + JsString(o.id.value()) + ", orderName: " + JsString(o.order_name) + ",\n"
                     "    successUrl: " + JsString(success_url) + ", failUrl: " + JsString(fail_url) + ",\n"
                     "    customerName: " + JsString(c.name) + ", customerEmail: " + JsString(c.email) + ",\n"
                     "    customerMobilePhone: " + JsString(c.mobile_phone) + ",\n"
                     "    metadata: " + JsSafe(metadata) + "}));\n"
                     "})();\n</script>";
  return HtmlPage(200, "주문 결제", body);
}

}  // namespace eda::order
