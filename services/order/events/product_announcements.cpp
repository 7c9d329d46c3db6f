#include "order/events/product_announcements.hpp"

#include "events.pb.h"

namespace eda::order {

events::Handler MakeProductAnnouncementHandler(ProductReadModel& model) {
  return [&model](const events::IncomingEvent& ev) -> Status {
    eda::events::v1::ProductChanged m;
    if (!m.ParseFromString(ev.payload)) return Error::Permanent("events.undecodable", "cannot decode ProductChanged");
    if (m.product_id() <= 0) return Error::Permanent("events.invalid", "ProductChanged without a product id");
    ProductAnnouncement a;
    a.product = CatalogProduct{ProductId(m.product_id()), m.product_name(), m.product_price()};
    a.seller_id = MemberId(m.seller_id());
    a.deleted = m.change_type() == eda::events::v1::ProductChanged::DELETED;
    a.changed_at = m.changed_at();
    auto applied = model.Apply(a);
    if (applied) return {};
    if (applied.error().code == OrderErrc::kUnavailable)
      return Error::Transient("order.store", applied.error().cause);
    return Error::Permanent("order.store", applied.error().cause);
  };
}

}  // namespace eda::order
