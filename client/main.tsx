import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The page's Chinese text, offline: Noto Sans SC subsets, downloaded per unicode-range as used.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './app/app.css';
import './panels/area/area-panel.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App.tsx';
import { createQueryClient } from './api/query.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
