// What the docs page adds to Redoc's output: an icon (so browsers do not ask for /favicon.ico),
// a plain attribution in place of Redoc's logo link (its logo is a remote image the offline page
// cannot load), and a layout for the auth guide's wide tables that keeps codes on one line.

/** latchkey's icon: a key, inline, so the page stays offline. */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f3a5f"/><circle cx="12" cy="16" r="6" fill="none" stroke="#f2c14e" stroke-width="3"/><path d="M18 16h10M24 16v5M28 16v4" stroke="#f2c14e" stroke-width="3"/></svg>';

const css = `
/* The guide's tables: never break a code or header name across lines; scroll sideways instead. */
table.md { display: block; overflow-x: auto; max-width: 100%; font-size: 13px; }
table.md code, table.md th { white-space: nowrap; word-break: normal; }
table.md td, table.md th { vertical-align: top; }
/* Redoc's attribution links to its site with a logo that is not loaded offline. */
a[href="https://redocly.com/redoc/"] > * { display: none; }
a[href="https://redocly.com/redoc/"]::after { content: "Reference rendered by Redocly from openapi.yaml"; font-size: 12px; }
`;

export function pageAdditions(html: string): string {
  const icon = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,${encodeURIComponent(faviconSvg)}">`;
  return html.replace("</head>", `${icon}\n<style>${css}</style>\n</head>`);
}
