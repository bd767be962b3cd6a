import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hallway', template: '%s · Hallway' },
  description: 'Proposals, votes, a live schedule board and shared notes for unconferences and open spaces.',
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f8a70' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className={
            'sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md ' +
            'focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-ink ' +
            'focus:shadow-lg focus:ring-2 focus:ring-brand-600'
          }
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
