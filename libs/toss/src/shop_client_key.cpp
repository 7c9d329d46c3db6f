#include "eda/toss/shop_client_key.hpp"

#include <algorithm>

#include "eda/toss/settings.hpp"

namespace eda::toss {
namespace {

struct ClientKeyKind {
  std::string mode;  // "test" or "live"
  bool widget;       // gck (payment widget) rather than ck (API individual key)
};

// ASCII only, whatever the locale: a key is an identifier, not text.
bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::optional<ClientKeyKind> ParseClientKey(std::string_view key) {
  ClientKeyKind kind;
  if (key.starts_with("test_")) {
    kind.mode = "test";
  } else if (key.starts_with("live_")) {
    kind.mode = "live";
  } else {
    return std::nullopt;
  }
  key.remove_prefix(5);
  kind.widget = key.starts_with("gck_");
  if (kind.widget) {
    key.remove_prefix(4);
  } else if (key.starts_with("ck_")) {
    key.remove_prefix(3);
  } else {
    return std::nullopt;
  }
  if (key.empty() || !std::ranges::all_of(key, IsKeyChar)) return std::nullopt;
  return kind;
}

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

Error Refused(std::string message) { return Error::Permanent("toss.client_key_refused", std::move(message)); }

}  // namespace

Result<std::optional<std::string>> ShopClientKey(std::string_view client_key, const config::Secret& secret_key) {
  if (client_key.empty()) return std::optional<std::string>();
  // Checked before the shape: a secret key is the mistake that costs most, and deserves its own words.
  if (Contains(client_key, "_sk_") || Contains(client_key, "_gsk_")) {
    return Refused(
        "EDA_TOSS_CLIENT_KEY holds a Toss secret key (…_sk_… or …_gsk_…): it would reach every browser. Give the "
        "client key (…_gck_…) there, and the secret key only as EDA_TOSS_SECRET_KEY or EDA_TOSS_SECRET_KEY_FILE");
  }
  const std::optional<ClientKeyKind> kind = ParseClientKey(client_key);
  if (!kind) {
    return Refused("EDA_TOSS_CLIENT_KEY is not a Toss client key (test_gck_… or live_gck_… for the payment widget)");
  }
  // Only the local sandbox answers for a docs key here, and its window needs no key from the shop.
  if (Contains(client_key, "_docs_")) return std::optional<std::string>();
  const std::string& mode = kind->mode;
  if (Settings::UsesLocalSandbox(secret_key.Reveal())) {
    // An API individual key never goes to the shop; with the sandbox it is the order service's business.
    if (!kind->widget) return std::optional<std::string>();
    return Refused(
        "EDA_TOSS_CLIENT_KEY is a real Toss widget key, but EDA_TOSS_SECRET_KEY (or EDA_TOSS_SECRET_KEY_FILE) is not "
        "set to a real secret key: the payment service would confirm the payments at the local sandbox, which never "
        "saw them. Set the widget secret key (" + mode + "_gsk_…) of the same account, or unset EDA_TOSS_CLIENT_KEY");
  }
  if (!kind->widget) {
    return Refused("EDA_TOSS_CLIENT_KEY is an API individual key (" + mode +
                   "_ck_…); Toss's payment widget takes only a widget client key (" + mode +
                   "_gck_…), with its widget secret key (" + mode + "_gsk_…) as EDA_TOSS_SECRET_KEY");
  }
  // Toss refuses to confirm a widget payment with an API secret key or a key of the other mode.
  if (!secret_key.Reveal().starts_with(mode + "_gsk_")) {
    return Refused("EDA_TOSS_SECRET_KEY (or EDA_TOSS_SECRET_KEY_FILE) does not pair with EDA_TOSS_CLIENT_KEY: a " +
                   mode + "_gck_ widget key is confirmed with the same account's " + mode +
                   "_gsk_ widget secret key; Toss refuses any other");
  }
  return std::optional<std::string>(std::string(client_key));
}

Result<std::optional<std::string>> LoadShopClientKey(config::Reader& r) {
  const std::string client_key = r.GetString("EDA_TOSS_CLIENT_KEY", "");
  const config::Secret secret_key = r.GetSecret("EDA_TOSS_SECRET_KEY", "");
  if (auto read = r.Finish(); !read) return read.error();
  return ShopClientKey(client_key, secret_key);
}

}  // namespace eda::toss
