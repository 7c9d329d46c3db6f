-- When the buyer asked to cancel a paid order (POST /orders/order/{id}/cancel): the order waits for the
-- delivery service to stop the shipment, then cancels through delivery-failed as usual.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS cancel_requested_at DATETIME(6) NULL;
