/**
 * The shared frame of every email. Rendered with React's static renderer, so every value
 * (names, case numbers, reasons) is HTML-escaped; there is no dangerouslySetInnerHTML here.
 */
import type { ReactNode } from "react";

export interface LayoutProps {
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  preheader: string;
  footer: string;
  children: ReactNode;
}

const colors = { ink: "#1b2430", muted: "#4a5563", brand: "#0b5d6b", line: "#d8dee6" };

export function EmailLayout({ lang, dir, title, preheader, footer, children }: LayoutProps) {
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body
        style={{
          margin: 0,
          background: "#f4f6f8",
          color: colors.ink,
          fontFamily: "Arial, 'Noto Sans', 'Noto Naskh Arabic', sans-serif",
        }}
      >
        <div style={{ display: "none", maxHeight: 0, overflow: "hidden" }}>{preheader}</div>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px 12px" }}>
                <table
                  role="presentation"
                  width="100%"
                  cellPadding={0}
                  cellSpacing={0}
                  style={{
                    maxWidth: 600,
                    background: "#ffffff",
                    border: `1px solid ${colors.line}`,
                    borderRadius: 8,
                  }}
                >
                  <tbody>
                    <tr>
                      <td
                        dir={dir}
                        style={{
                          padding: 24,
                          textAlign: dir === "rtl" ? "right" : "left",
                          fontSize: 16,
                          lineHeight: 1.5,
                        }}
                      >
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td
                        dir={dir}
                        style={{
                          padding: "12px 24px",
                          borderTop: `1px solid ${colors.line}`,
                          color: colors.muted,
                          fontSize: 13,
                          textAlign: dir === "rtl" ? "right" : "left",
                        }}
                      >
                        {footer}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function Button({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p style={{ margin: "24px 0" }}>
      <a
        href={href}
        style={{
          background: colors.brand,
          color: "#ffffff",
          padding: "12px 20px",
          borderRadius: 6,
          textDecoration: "none",
          display: "inline-block",
          fontWeight: 700,
        }}
      >
        {children}
      </a>
    </p>
  );
}
