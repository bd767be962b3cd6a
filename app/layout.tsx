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
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
