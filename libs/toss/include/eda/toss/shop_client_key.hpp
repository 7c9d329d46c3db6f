#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "eda/config/reader.hpp"
#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"

namespace eda::toss {

// Which Toss client key the shop may publish (its /shop-config.json `tossClientKey`, which every
// browser gets): `client_key` is EDA_TOSS_CLIENT_KEY, `secret_key` the secret key the payment service
// confirms payments with (EDA_TOSS_SECRET_KEY or EDA_TOSS_SECRET_KEY_FILE; empty when unset).
//
// Returns `client_key` when it is a real account's widget client key (test_gck_… or live_gck_…) and
// `secret_key` is its pair (the widget secret key of the same mode, <mode>_gsk_…, not the sandbox's:
// Settings::UsesLocalSandbox). Returns nullopt, meaning the shop opens the local sandbox's payment
// window, for no client key, a public docs key (…_docs_…), or an API individual key (…_ck_…) while
// the secret key is the sandbox's. Every other pair cannot work; the result is then a permanent
// Error (code "toss.client_key_refused") that names the variables and says what to set:
//   - a secret key (…_sk_…, …_gsk_…) as the client key;
//   - a value that is no Toss client key (test_ or live_, then gck_ or ck_, then letters, digits, _);
//   - an API individual key with a real account's secret key (Toss's widget takes only gck keys);
//   - a real widget key with the sandbox's secret key (payment would confirm at the sandbox, which
//     never saw the payment);
//   - a real widget key whose secret key is of another kind or mode (Toss refuses the confirmation).
// No message contains either key. Pure; thread-safe.
Result<std::optional<std::string>> ShopClientKey(std::string_view client_key, const config::Secret& secret_key);

// ShopClientKey over EDA_TOSS_CLIENT_KEY and EDA_TOSS_SECRET_KEY as read from `r` (each also from the
// file its _FILE variable names: libs/config's rule, which the payment service reads the secret key
// by). A variable `r` cannot read (KEY and KEY_FILE both set, an unreadable file) gives r.Finish()'s
// error (code "config.invalid"), which names the variable and the path, never the content.
Result<std::optional<std::string>> LoadShopClientKey(config::Reader& r);

}  // namespace eda::toss
