#include "toss-sandbox/api/checkout_page.hpp"

namespace eda::toss_sandbox {

namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string_view Find(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;max-width:28rem;margin:3rem auto;color:#222}"
    "h1{font-size:1.3rem}table{width:100%;border-collapse:collapse;margin:1rem 0}"
    "td{padding:.35rem;border-bottom:1px solid #ddd}td:first-child{color:#666}"
    "button{display:block;width:100%;padding:.7rem;margin:.4rem 0;font-size:1rem;border-radius:6px;border:1px solid #999}"
    ".pay{background:#0064ff;color:#fff;border-color:#0064ff}.note{color:#888;font-size:.8rem}";

}  // namespace

std::string CheckoutPageHtml(const Params& params) {
  std::string html = "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>Toss sandbox 결제창</title><style>";
  html += kStyle;
  html += "</style></head><body><h1>Toss Payments sandbox 결제창</h1><table>";
  const std::pair<std::string_view, std::string_view> rows[] = {
      {"orderName", "주문명"}, {"orderId", "주문번호"}, {"amount", "결제 금액"}, {"currency", "통화"},
      {"customerName", "구매자"}, {"customerEmail", "이메일"}};
  for (const auto& [key, label] : rows) {
    html += "<tr><td>" + std::string(label) + "</td><td>" + Escape(Find(params, key)) + "</td></tr>";
  }
  html += "</table><form method=\"post\" action=\"/sandbox/checkout\">";
  for (const auto& [k, v] : params) {
    if (k == "outcome") continue;
    html += "<input type=\"hidden\" name=\"" + Escape(k) + "\" value=\"" + Escape(v) + "\">";
  }
  html +=
      "<button class=\"pay\" name=\"outcome\" value=\"approve\">결제하기 (Pay)</button>"
      "<button name=\"outcome\" value=\"decline\">카드 한도초과로 승인 거절 (declined at confirm)</button>"
      "<button name=\"outcome\" value=\"reject\">카드사 거절 (rejected in the window)</button>"
      "<button name=\"outcome\" value=\"cancel\">결제 취소 (Fail / close)</button>"
      "</form><p class=\"note\">Local emulator: no card is charged.</p></body></html>";
  return html;
}

std::string CheckoutErrorHtml(std::string_view code, std::string_view message) {
  std::string html = "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>Toss sandbox</title><style>";
  html += kStyle;
  html += "</style></head><body><h1>결제창 오류</h1><p><b>" + Escape(code) + "</b></p><p>" + Escape(message) +
          "</p></body></html>";
  return html;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string AppendQuery(std::string_view url, const Params& params) {
  std::string out(url);
  char sep = out.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : params) {
    out.push_back(sep);
    out += PercentEncode(k) + "=" + PercentEncode(v);
    sep = '&';
  }
  return out;
}

}  // namespace eda::toss_sandbox
