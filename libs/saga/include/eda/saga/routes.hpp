#pragma once

// Who produces and who consumes each saga topic (docs/SAGA.md "Topics" in words). The Kafka ACLs
// `./eda` grants are derived from this table alone (tools/kafka-admin): a service may write the
// topics it produces, read the ones it consumes, and read and write its own `<topic>.retry.<service>`
// and write `<topic>.DLQ`. A topic added to kAllTopics needs its route here (saga_test checks), or no
// service may use it.

#include <array>
#include <string_view>

#include "eda/saga/topics.hpp"

namespace eda::saga {

// Services by the name they run under (deploy/services.txt), which is also their Kafka user and
// the consumer group they consume in.
inline constexpr std::string_view kCatalog = "catalog";
inline constexpr std::string_view kDelivery = "delivery";
inline constexpr std::string_view kMember = "member";
inline constexpr std::string_view kOrder = "order";
inline constexpr std::string_view kPayment = "payment";
inline constexpr std::string_view kSearch = "search";

struct Route {
  std::string_view topic;
  std::string_view producer;
  std::array<std::string_view, 3> consumers;  // unused slots empty
};

inline constexpr std::array<Route, 16> kRoutes = {{
    {kPaymentConfirmRequest, kOrder, {kPayment}},
    {kPaymentConfirmResponse, kPayment, {kOrder}},
    {kPaymentFailed, kPayment, {kOrder}},
    {kStockRequest, kOrder, {kCatalog}},
    {kDeliveryRequest, kCatalog, {kDelivery, kOrder}},
    {kStockRejected, kCatalog, {kOrder}},
    {kOrderComplete, kDelivery, {kOrder}},
    {kDeliveryStatusUpdate, kDelivery, {kOrder}},
    {kDeliveryFailed, kDelivery, {kOrder}},
    {kOrderCancelled, kOrder, {kPayment, kCatalog}},
    {kDeliveryCancelRequest, kOrder, {kDelivery}},
    {kPaymentRefunded, kPayment, {kOrder}},
    {kProductChanged, kCatalog, {kSearch, kCatalog, kOrder}},
    {kProductTagsAdded, kCatalog, {kSearch}},
    {kProductTagsRemoved, kCatalog, {kSearch}},
    {kMemberRegistered, kMember, {}},
}};

}  // namespace eda::saga
