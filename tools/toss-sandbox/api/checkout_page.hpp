#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eda::toss_sandbox {

// Query/form parameters of the payment window, in order.
using Params = std::vector<std::pair<std::string, std::string>>;

// The HTML stand-in for the Toss payment window: the order summary and a form posting every
// parameter back to POST /sandbox/checkout with the buyer's choice in `outcome`
// (approve | decline | cancel | reject). All values are HTML-escaped.
std::string CheckoutPageHtml(const Params& params);

// A small HTML page for a window error (bad parameters), message escaped.
std::string CheckoutErrorHtml(std::string_view code, std::string_view message);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

// `url` with `params` appended as a query (after '?' or '&' when the URL already has a query).
std::string AppendQuery(std::string_view url, const Params& params);

}  // namespace eda::toss_sandbox
