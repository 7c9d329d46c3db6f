// The app: providers (language, session, data), the routes, and a last-resort error page so that a
// bug in a page shows a message and a way back instead of a blank screen.
import { useState, type ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Link, RouterProvider, useRouteError, type RouteObject } from 'react-router';
import { Layout } from './Layout';
import { LoginPage, RegisterPage, RequireSession } from '../features/auth/AuthPages';
import { ProfilePage } from '../features/auth/ProfilePage';
import { SessionProvider } from '../features/auth/session';
import { ProductPage } from '../features/catalog/ProductPage';
import { CheckoutPage } from '../features/orders/CheckoutPage';
import { MyOrdersPage, OrderPage } from '../features/orders/MyOrdersPage';
import { PayFailPage, PaySuccessPage } from '../features/orders/PaymentResultPages';
import { HomePage } from '../features/search/HomePage';
import { SearchPage } from '../features/search/SearchPage';
import { NewProductPage } from '../features/seller/NewProductPage';
import { EditProductPage, MyProductsPage, SellerOrdersPage } from '../features/seller/SellerPages';
import { ApiError } from '../lib/api';
import { I18nProvider, useI18n } from '../lib/i18n';

function RouteError() {
  const { t } = useI18n();
  console.error(useRouteError());
  return (
    <section className="error" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{t('error.server')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('error.retry')}
      </button>{' '}
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('error.notFound')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}

const signedIn = (page: ReactElement) => <RequireSession>{page}</RequireSession>;

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/search', element: <SearchPage /> },
      { path: '/products/:productId', element: <ProductPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/account', element: signedIn(<ProfilePage />) },
      { path: '/orders', element: signedIn(<MyOrdersPage />) },
      { path: '/orders/:orderId', element: signedIn(<OrderPage />) },
      { path: '/pay/checkout', element: signedIn(<CheckoutPage />) },
      { path: '/pay/success', element: signedIn(<PaySuccessPage />) },
      { path: '/pay/fail', element: signedIn(<PayFailPage />) },
      { path: '/sell', element: signedIn(<NewProductPage />) },
      { path: '/seller', element: signedIn(<MyProductsPage />) },
      { path: '/seller/products/:productId', element: signedIn(<EditProductPage />) },
      { path: '/seller/orders', element: signedIn(<SellerOrdersPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) will not change by asking again; a 5xx or no answer gets one more try.
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && !error.serverTrouble),
        staleTime: 5_000,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
