import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { TenpointWidget } from './tenpoint-widget';
import './globals.css';

export const metadata: Metadata = { title: 'Ledgerly (Next.js)' };

export default async function RootLayout({ children }: LayoutProps<'/'>) {
  // Read when a page is asked for, not at build time: one build serves any Tenpoint API and site.
  await connection();
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Dashboard</Link>
          <Link href="/invoices">Invoices</Link>
          <TenpointWidget apiUrl={process.env.TENPOINT_API_URL ?? ''} siteKey={process.env.TENPOINT_SITE_KEY ?? ''} />
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
