#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/strong_id.hpp"
#include "eda/saga/ids.hpp"

namespace eda::delivery {

using OrderId = saga::OrderId;
using MemberId = saga::MemberId;
using PaymentKey = saga::PaymentKey;

// The id of a row of delivery's own `delivery` table (deliveryResponseV1 delivery_id, the routes' deliveryId).
struct DeliveryIdTag {};
using DeliveryId = StrongId<DeliveryIdTag, std::int64_t>;

// Seed statuses (the original system's delivery service): REQUESTED → IN_DELIVERY → DONE, or FAILED (no shipment possible).
enum class DeliveryStatus { kRequested, kInDelivery, kDone, kFailed };
std::string_view ToString(DeliveryStatus status) noexcept;
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view text) noexcept;
// DONE and FAILED never change again; the poller only looks at the others.
bool IsTerminal(DeliveryStatus status) noexcept;

// Carriers we have an adapter for. HANJIN and LOTTE are the original's; CJ is new.
enum class CarrierCode { kHanjin, kLotte, kCj };
std::string_view ToString(CarrierCode code) noexcept;
// Exact, upper-case codes only ("HANJIN", "LOTTE", "CJ"); anything else is an unknown carrier.
std::optional<CarrierCode> ParseCarrierCode(std::string_view text) noexcept;

// What the carrier reports for a parcel (carrier API vocabulary). CANCELLED: stopped before pickup.
enum class CarrierStatus { kAccepted, kInTransit, kDelivered, kCancelled };
std::optional<CarrierStatus> ParseCarrierStatus(std::string_view text) noexcept;

// The fields of a delivery request (seed deliveryRequestV1) the delivery keeps.
struct DeliveryRequest {
  OrderId order_id;
  std::string order_name;
  std::string address;
  std::string delivery_company;  // as sent; may be an unknown carrier code
  std::int64_t product_count = 0;
  MemberId member_id;
  PaymentKey payment_key;
  std::string approved_at;
  std::int64_t amount = 0;
};

// The buyer's cancel of an order's shipment (ShipmentCancelRequested from the order service), with the
// order's payment key and amount (checked against the row's).
struct ShipmentCancelRequest {
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;
  std::string reason;
};

// One delivery row (table `delivery`).
struct Delivery {
  DeliveryId id;
  DeliveryRequest request;
  DeliveryStatus status = DeliveryStatus::kRequested;
  std::string reference_code;   // the carrier's tracking number; empty until booked
  std::string failure_reason;   // set when FAILED
};

// A member's saved address (table `member_address`).
struct MemberAddress {
  std::int64_t id = 0;
  MemberId member_id;
  std::string address;
  std::string alias;
};

}  // namespace eda::delivery
