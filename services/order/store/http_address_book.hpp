#pragma once

#include <chrono>
#include <string>

#include "eda/httpclient/client.hpp"
#include "order/domain/order_ports.hpp"

namespace eda::order {

// AddressBook over the delivery service: GET {base_url}/delivery/address/{id} with the caller's own
// bearer token, so delivery's owner check decides (403 and 404 both become kAddressNotFound).
// Transport errors, 5xx, a refused token (401) and unreadable bodies -> kDeliveryUnavailable with the
// cause for the log. Blocking (SendBlocking): never call it on the client's I/O thread. Thread-safe.
// `client` must outlive this object.
class HttpAddressBook final : public AddressBook {
 public:
  HttpAddressBook(const httpclient::Client& client, std::string base_url,
                  std::chrono::milliseconds timeout = std::chrono::seconds(3))
      : client_(client), base_url_(std::move(base_url)), timeout_(timeout) {}

  Result<std::string, OrderError> AddressOf(std::int64_t address_id, const std::string& credentials) override;

 private:
  const httpclient::Client& client_;
  std::string base_url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace eda::order
