// Korean and English. Every text the app shows has a key here in both languages (the unit test checks
// the two tables have the same keys); the choice is kept in localStorage and set on <html lang>.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'ko' | 'en';

const ko = {
  'app.name': 'eda 상점',
  'nav.home': '홈',
  'nav.search': '검색',
  'nav.orders': '내 주문',
  'nav.sell': '상품 등록',
  'nav.shop': '내 상점',
  'nav.login': '로그인',
  'nav.register': '회원가입',
  'nav.logout': '로그아웃',
  'nav.language': 'English',
  'nav.hello': '{name} 님',
  'home.title': '카테고리',
  'home.lead': '태그별로 상품을 둘러보세요.',
  'home.empty': '이 카테고리에는 아직 상품이 없습니다.',
  'search.label': '상품 검색',
  'search.placeholder': '상품 이름 (한글/영문, 앞부분만 입력해도 됩니다)',
  'search.tags': '태그 (쉼표로 구분)',
  'search.mode': '태그 조건',
  'search.mode.and': '모두 포함',
  'search.mode.or': '하나라도 포함',
  'search.sort': '정렬',
  'search.sort.relevance': '관련도순',
  'search.sort.price_asc': '낮은 가격순',
  'search.sort.price_desc': '높은 가격순',
  'search.hint': '이름이나 태그를 입력하면 바로 검색합니다.',
  'search.none': '검색 결과가 없습니다.',
  'search.total': '{total}개 상품',
  'search.prev': '이전',
  'search.next': '다음',
  'search.page': '{page} / {pages} 페이지',
  'product.price': '가격',
  'product.stock': '재고',
  'product.seller': '판매자',
  'product.sellerValue': '판매자 #{id}',
  'product.tags': '태그',
  'product.soldOut': '품절',
  'product.count': '수량',
  'product.address': '배송지 주소',
  'product.carrier': '택배사',
  'product.savedAddress': '저장된 배송지',
  'product.typeAddress': '새 주소 입력',
  'product.alias': '배송지 이름 (저장할 때)',
  'product.saveAddress': '배송지 저장',
  'product.bookUnavailable': '저장된 배송지를 불러오지 못했습니다. 주소를 입력해 주세요.',
  'product.buy': '바로 구매',
  'product.buying': '주문 생성 중…',
  'product.loginToBuy': '구매하려면 로그인하세요',
  'product.notFound': '상품을 찾을 수 없습니다.',
  'auth.loginId': '아이디',
  'auth.userName': '이름',
  'auth.password': '비밀번호',
  'auth.role': '회원 유형',
  'auth.role.BUYER': '구매자',
  'auth.role.SELLER': '판매자',
  'auth.login': '로그인',
  'auth.register': '가입하기',
  'auth.loginTitle': '로그인',
  'auth.registerTitle': '회원가입',
  'auth.noAccount': '계정이 없으신가요?',
  'auth.passwordRule': '8자 이상, 문자·숫자·기호 중 두 종류 이상, 아이디를 포함하지 않게',
  'auth.loginIdRule': '영문·숫자로 시작하는 4~64자 (. _ @ + - 사용 가능)',
  'auth.registered': '가입되었습니다. 로그인하세요.',
  'pay.successTitle': '결제가 접수되었습니다',
  'pay.successBody': '주문 {orderName}({amount})을 처리하고 있습니다.',
  'pay.finishing': '결제를 확인하는 중…',
  'pay.failTitle': '결제가 완료되지 않았습니다',
  'pay.failBody': '결제되지 않았습니다. 청구된 금액은 없습니다.',
  'pay.retry': '다시 결제하기',
  'pay.declined': '카드사가 결제 승인을 거절했습니다.',
  'pay.buyAgain': '상품 다시 보기',
  'pay.toOrders': '내 주문 보기',
  'orders.title': '내 주문',
  'orders.empty': '아직 주문이 없습니다.',
  'orders.live': '상태가 자동으로 갱신됩니다.',
  'orders.paused': '연결이 끊겼습니다. {seconds}초 후 다시 시도합니다.',
  'orders.timeline': '진행 내역',
  'orders.amount': '금액',
  'orders.count': '수량',
  'orders.created': '주문일',
  'orders.pay': '결제하기',
  'orders.cancel': '주문 취소',
  'orders.cancelAsked': '취소를 요청했습니다. 배송을 멈추면 전액 환불됩니다.',
  'orders.refunded': '{amount} 전액 환불되었습니다.',
  'orders.address': '배송지',
  'orders.number': '주문 번호',
  'orders.unavailable': '이 주문을 볼 수 없습니다',
  'sell.title': '상품 등록',
  'sell.name': '상품명',
  'sell.description': '설명',
  'sell.price': '가격 (원)',
  'sell.stock': '재고',
  'sell.tags': '태그 (쉼표로 구분)',
  'sell.submit': '등록하기',
  'sell.done': '상품 #{id}이(가) 등록되었습니다.',
  'sell.sellersOnly': '판매자 계정으로 로그인해야 상품을 등록할 수 있습니다.',
  'seller.title': '내 상점',
  'seller.ordersTitle': '내 상품의 주문',
  'seller.noProducts': '아직 등록한 상품이 없습니다.',
  'seller.noOrders': '아직 주문이 없습니다.',
  'seller.edit': '수정',
  'seller.delete': '삭제',
  'seller.deleteConfirm': '"{name}" 상품을 삭제할까요?',
  'seller.actions': '관리',
  'seller.more': '더 보기',
  'seller.editTitle': '상품 수정',
  'seller.save': '저장하기',
  'seller.notYours': '다른 판매자의 상품은 수정할 수 없습니다.',
  'seller.orderName': '주문',
  'seller.status': '상태',
  'error.title': '문제가 생겼습니다',
  'error.server': '지금은 서비스가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.',
  'error.retry': '다시 시도',
  'error.notFound': '페이지를 찾을 수 없습니다.',
  'common.loading': '불러오는 중…',
  'status.CREATED': '결제 대기',
  'status.PAYMENT_REQUESTED': '결제 확인 중',
  'status.PAID': '결제 완료',
  'status.STOCK_RESERVED': '재고 확보',
  'status.DELIVERY_REQUESTED': '배송 준비',
  'status.IN_DELIVERY': '배송 중',
  'status.DELIVERED': '배송 완료',
  'status.PAYMENT_FAILED': '결제 실패',
  'status.EXPIRED': '기한 만료',
  'status.CANCELLING': '취소 중',
  'status.CANCELLED': '취소됨',
};

type Key = keyof typeof ko;

const en: Record<Key, string> = {
  'app.name': 'eda shop',
  'nav.home': 'Home',
  'nav.search': 'Search',
  'nav.orders': 'My orders',
  'nav.sell': 'Sell',
  'nav.shop': 'My shop',
  'nav.login': 'Log in',
  'nav.register': 'Register',
  'nav.logout': 'Log out',
  'nav.language': '한국어',
  'nav.hello': 'Hi, {name}',
  'home.title': 'Categories',
  'home.lead': 'Browse the products by tag.',
  'home.empty': 'No products in this category yet.',
  'search.label': 'Search products',
  'search.placeholder': 'Product name (Korean or English; the start of a word is enough)',
  'search.tags': 'Tags (comma-separated)',
  'search.mode': 'Tag match',
  'search.mode.and': 'all tags',
  'search.mode.or': 'any tag',
  'search.sort': 'Sort',
  'search.sort.relevance': 'relevance',
  'search.sort.price_asc': 'price, low to high',
  'search.sort.price_desc': 'price, high to low',
  'search.hint': 'Type a name or a tag: results appear as you type.',
  'search.none': 'Nothing found.',
  'search.total': '{total} found',
  'search.prev': 'Previous',
  'search.next': 'Next',
  'search.page': 'page {page} of {pages}',
  'product.price': 'Price',
  'product.stock': 'Stock',
  'product.seller': 'Seller',
  'product.sellerValue': 'seller #{id}',
  'product.tags': 'Tags',
  'product.soldOut': 'Sold out',
  'product.count': 'Quantity',
  'product.address': 'Delivery address',
  'product.carrier': 'Carrier',
  'product.savedAddress': 'Saved address',
  'product.typeAddress': 'Type a new address',
  'product.alias': 'Name for this address (to save it)',
  'product.saveAddress': 'Save address',
  'product.bookUnavailable': 'Your saved addresses could not be loaded; type the address.',
  'product.buy': 'Buy now',
  'product.buying': 'Creating the order…',
  'product.loginToBuy': 'Log in to buy',
  'product.notFound': 'This product does not exist.',
  'auth.loginId': 'Login id',
  'auth.userName': 'Name',
  'auth.password': 'Password',
  'auth.role': 'Account type',
  'auth.role.BUYER': 'buyer',
  'auth.role.SELLER': 'seller',
  'auth.login': 'Log in',
  'auth.register': 'Register',
  'auth.loginTitle': 'Log in',
  'auth.registerTitle': 'Register',
  'auth.noAccount': 'No account yet?',
  'auth.passwordRule': 'at least 8 characters of two kinds (letters, digits, others), without the login id',
  'auth.loginIdRule': '4 to 64 characters, starting with a letter or digit (. _ @ + - allowed)',
  'auth.registered': 'Registered. Log in now.',
  'pay.successTitle': 'Payment received',
  'pay.successBody': 'Order {orderName} ({amount}) is being processed.',
  'pay.finishing': 'Confirming the payment…',
  'pay.failTitle': 'The payment did not go through',
  'pay.failBody': 'Nothing was charged.',
  'pay.retry': 'Pay again',
  'pay.declined': 'The card was declined at approval.',
  'pay.buyAgain': 'Back to the product',
  'pay.toOrders': 'See my orders',
  'orders.title': 'My orders',
  'orders.empty': 'No orders yet.',
  'orders.live': 'Statuses update by themselves.',
  'orders.paused': 'Connection lost. Trying again in {seconds} s.',
  'orders.timeline': 'Timeline',
  'orders.amount': 'Amount',
  'orders.count': 'Quantity',
  'orders.created': 'Ordered',
  'orders.pay': 'Pay',
  'orders.cancel': 'Cancel order',
  'orders.cancelAsked': 'Cancel requested: once the shipment is stopped, the full amount is refunded.',
  'orders.refunded': 'Refunded in full: {amount}.',
  'orders.address': 'Delivery address',
  'orders.number': 'Order number',
  'orders.unavailable': 'This order cannot be shown',
  'sell.title': 'Add a product',
  'sell.name': 'Name',
  'sell.description': 'Description',
  'sell.price': 'Price (KRW)',
  'sell.stock': 'Stock',
  'sell.tags': 'Tags (comma-separated)',
  'sell.submit': 'Add product',
  'sell.done': 'Product #{id} added.',
  'sell.sellersOnly': 'Log in with a seller account to add products.',
  'seller.title': 'My shop',
  'seller.ordersTitle': 'Orders for my products',
  'seller.noProducts': 'No products yet.',
  'seller.noOrders': 'No orders yet.',
  'seller.edit': 'Edit',
  'seller.delete': 'Delete',
  'seller.deleteConfirm': 'Delete "{name}"?',
  'seller.actions': 'Actions',
  'seller.more': 'More',
  'seller.editTitle': 'Edit the product',
  'seller.save': 'Save',
  'seller.notYours': "This is another seller's product; it cannot be edited here.",
  'seller.orderName': 'Order',
  'seller.status': 'Status',
  'error.title': 'Something went wrong',
  'error.server': 'The shop is not answering right now. Please try again in a moment.',
  'error.retry': 'Try again',
  'error.notFound': 'There is no such page.',
  'common.loading': 'Loading…',
  'status.CREATED': 'awaiting payment',
  'status.PAYMENT_REQUESTED': 'confirming payment',
  'status.PAID': 'paid',
  'status.STOCK_RESERVED': 'stock reserved',
  'status.DELIVERY_REQUESTED': 'preparing shipment',
  'status.IN_DELIVERY': 'in delivery',
  'status.DELIVERED': 'delivered',
  'status.PAYMENT_FAILED': 'payment failed',
  'status.EXPIRED': 'expired',
  'status.CANCELLING': 'cancelling',
  'status.CANCELLED': 'cancelled',
};

export const messages: Record<Lang, Record<Key, string>> = { ko, en };
export type MessageKey = Key;

/** The text of <key> in <lang> with {name} placeholders filled; an unknown key shows itself. */
export function translate(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const text = (messages[lang] as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Won, in the language's usual form: "39,000원" / "₩39,000". */
export function formatPrice(lang: Lang, amount: number): string {
  return lang === 'ko' ? `${amount.toLocaleString('ko-KR')}원` : `₩${amount.toLocaleString('en-US')}`;
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey | string, vars?: Record<string, string | number>): string;
  price(amount: number): string;
}

const I18nContext = createContext<I18n | null>(null);
const kStorageKey = 'eda.lang';

function initialLang(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(kStorageKey);
  if (stored === 'ko' || stored === 'en') return stored;
  return typeof navigator !== 'undefined' && navigator.language?.startsWith('en') ? 'en' : 'ko';
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(kStorageKey, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      price: (amount) => formatPrice(lang, amount),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
