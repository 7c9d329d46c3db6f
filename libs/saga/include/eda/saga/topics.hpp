#pragma once

// The purchase saga's topics: the one place their names are written (docs/SAGA.md says what each
// carries and who produces and consumes it). The seed system's names are kept for wire
// compatibility. Services name their subscriptions and outbox events with these constants; a
// consumer's retry and dead-letter topics are `<topic>.retry.<group>` and `<topic>.DLQ` (eda::events).

#include <array>
#include <string_view>

namespace eda::saga {

// order -> payment: the buyer came back from the payment window (seed paymentRequestV1).
inline constexpr std::string_view kPaymentConfirmRequest = "payment-confirm-request";
// payment -> order: Toss approved (seed paymentResponseV1).
inline constexpr std::string_view kPaymentConfirmResponse = "payment-confirm-response";
// payment -> order: the confirm was refused, nothing charged (PaymentFailed).
inline constexpr std::string_view kPaymentFailed = "payment-failed";
// order -> catalog: take stock, then ask for delivery (seed stockCountRequestV1).
inline constexpr std::string_view kStockRequest = "catalog-decrement-request-delivery-request";
// catalog -> delivery, order: stock taken (seed deliveryRequestV1).
inline constexpr std::string_view kDeliveryRequest = "delivery-request";
// catalog -> order: not enough stock or unknown product: the order cancels (StockRejected).
inline constexpr std::string_view kStockRejected = "stock-rejected";
// delivery -> order: shipment created (seed deliveryResponseV1, status REQUESTED).
inline constexpr std::string_view kOrderComplete = "order-complete";
// delivery -> order: IN_DELIVERY, DONE from carrier tracking (seed deliveryResponseV1).
inline constexpr std::string_view kDeliveryStatusUpdate = "delivery-status-update";
// delivery -> order: no shipment possible: the order cancels (DeliveryFailed).
inline constexpr std::string_view kDeliveryFailed = "delivery-failed";
// order -> payment, catalog: the order is cancelled: refund its payment, put back its stock
// (OrderCancelled; when it becomes CANCELLING, and again from its sweeper while the refund is not seen).
inline constexpr std::string_view kOrderCancelled = "order-cancelled";
// order -> delivery: the buyer cancels before shipment; cancel the shipment (ShipmentCancelRequested).
inline constexpr std::string_view kDeliveryCancelRequest = "delivery-cancel-request";
// payment -> order: money returned (PaymentRefunded).
inline constexpr std::string_view kPaymentRefunded = "payment-refunded";
// catalog -> search, catalog: read model of a product (ProductChanged).
inline constexpr std::string_view kProductChanged = "product-changed";
// catalog -> search: tags to index / unindex (seed ProductTags).
inline constexpr std::string_view kProductTagsAdded = "product_tags_added";
inline constexpr std::string_view kProductTagsRemoved = "product_tags_removed";
// member -> read models: a member registered (MemberRegistered).
inline constexpr std::string_view kMemberRegistered = "member-registered";

inline constexpr std::array<std::string_view, 16> kAllTopics = {
    kPaymentConfirmRequest, kPaymentConfirmResponse, kPaymentFailed,    kStockRequest,
    kDeliveryRequest,       kStockRejected,          kOrderComplete,    kDeliveryStatusUpdate,
    kDeliveryFailed,        kOrderCancelled,        kPaymentRefunded,  kProductChanged,
    kProductTagsAdded,      kProductTagsRemoved,     kMemberRegistered, kDeliveryCancelRequest,
};

}  // namespace eda::saga
