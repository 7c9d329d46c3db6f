#pragma once

#include <string>
#include <string_view>

#include "eda/http/response.hpp"
#include "eda/topology/ports.hpp"
#include "order/domain/order.hpp"

namespace eda::order {

// Where the payment window lives and where it sends the buyer back.
struct CheckoutSettings {
  std::string public_url = topology::LocalUrl(topology::kOrderPort);  // EDA_ORDER_PUBLIC_URL: successUrl/failUrl base
  // EDA_TOSS_API_URL (toss::Settings::ApiUrl): the sandbox unless api.tosspayments.com
  std::string toss_api_url = topology::LocalUrl(topology::kTossSandboxPort);
  std::string client_key = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm";  // EDA_TOSS_CLIENT_KEY (public)
  // EDA_ORDER_SEED_ANONYMOUS_CHECKOUT: the seed's GET /orders/payments without a token, creating the
  // order for the query's memberId (for the original front end, which has no tokens). Off: the page
  // needs the buyer's token, so nobody opens orders in another member's name.
  bool seed_anonymous_checkout = false;
  bool sandbox() const { return toss_api_url.find("api.tosspayments.com") == std::string::npos; }
};

// Buyer fields the seed checkout page passes through to the window.
struct Customer {
  std::string name;
  std::string email;
  std::string mobile_phone;
};

std::string HtmlEscape(std::string_view text);
std::string UrlEncode(std::string_view text);

// The payment window for a CREATED order: with the sandbox, a 303 to
// {toss_api_url}/sandbox/checkout?clientKey&orderId&orderName&amount&currency&customer*&metadata&successUrl&failUrl;
// with real Toss, the widget v2 page (js.tosspayments.com/v2/standard) with the same values.
// metadata = {address, productId, productCount, memberId, deliveryCompany} (JSON).
http::Response CheckoutResponse(const Order& order, const Customer& customer, const CheckoutSettings& settings);

// Small HTML pages (status 200 unless given).
http::Response HtmlPage(int status, std::string_view title, std::string_view body_html);

}  // namespace eda::order
