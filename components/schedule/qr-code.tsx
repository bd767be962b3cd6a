'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of a URL, drawn as SVG in the browser. */
export function QrCode({ url, label, className }: { url: string; label: string; className?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (s) => {
        if (live) setSvg(s);
      },
      () => setSvg(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr-code"
      data-url={url}
      className={className}
      // The SVG comes from the qrcode library for a URL we built, never from user input as markup.
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
