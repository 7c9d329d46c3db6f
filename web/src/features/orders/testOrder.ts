// For tests: one payable order, as the order service fixes it, for the payment window's and Toss's
// widget's tests. Its name and address hold Korean and '&', so a field that reaches a URL unescaped
// shows.
import type { PayableOrder } from './paymentWindow';

export const keyboardOrder: PayableOrder = {
  orderId: 'ORD0123456789abcdef0123456789ab',
  orderName: '무선 키보드 외 1건',
  amount: 78000,
  memberId: 42,
  productId: 7,
  productCount: 2,
  deliveryCompany: 'HANJIN',
  address: '서울시 중구 1 & 2',
};
