import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './api/trpc.ts';
import { App, loadRoomPage, loadRoomParts } from './App.tsx';
import { prefetchForPath } from './prefetch.ts';
import './styles.css';

const queryClient = makeQueryClient();
const trpcClient = makeTrpcClient();
prefetchForPath(window.location.pathname, queryClient, trpcClient, () => Promise.all([loadRoomPage(), loadRoomParts()]));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);

// The app shell stays available offline, so rooms opened before open again without a network.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
