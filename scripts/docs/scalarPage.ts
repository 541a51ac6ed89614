// The docs page: the annotated spec rendered by Scalar's API reference, whose "Test Request"
// sends any operation to the sandbox that serves the page. One self-contained HTML file: the
// renderer's standalone bundle and the spec are inlined, and every default that would reach the
// network (fonts, telemetry, the request proxy, the AI agent) is switched off (offline-docs.md).
import { starterKeySlot } from "../../mock/server/docsStarterKey";
import { faviconSvg } from "../../mock/server/favicon";

// The page carries `null` in starterKeySlot: the sandbox writes the starter workspace's key into
// it when it serves the page to its own origin (mock/server/docsStarterKey.ts), so a page saved
// or served elsewhere has no key in it.

/** The security schemes a reader can choose from, and which the starter key fills in. */
const headerSchemes = { bearerAuth: "token", apiKeyHeader: "value", apiKeyAltHeader: "value" };

// Runs in the page. `location.origin` is the sandbox serving it: requests go there, never to a
// proxy. The starter key (if the sandbox put one in) fills every header scheme; the reader picks
// the header in each operation's auth selector, or types another key.
const boot = `
const starter = JSON.parse(document.getElementById("latchkey-starter").textContent);
const key = starter && typeof starter.userKey === "string" ? starter.userKey : "";
const schemes = ${JSON.stringify(headerSchemes)};
const securitySchemes = {};
for (const [name, field] of Object.entries(schemes)) securitySchemes[name] = { [field]: key };
Scalar.createApiReference("#latchkey-docs", {
  content: JSON.parse(document.getElementById("latchkey-spec").textContent),
  servers: [{ url: location.origin, description: "This sandbox" }],
  authentication: { preferredSecurityScheme: "bearerAuth", securitySchemes },
  persistAuth: false,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: "never",
  documentDownloadType: "none",
  hiddenClients: true,
  defaultOpenFirstTag: true,
  operationTitleSource: "summary",
  theme: "default",
});
`;

const css = `
body { margin: 0; }
/* The auth guide's tables: never break a code or header name; scroll sideways instead. */
.markdown table { display: block; overflow-x: auto; max-width: 100%; }
.markdown table code, .markdown table th { white-space: nowrap; }
`;

/** JSON that can sit inside a <script> element: no `</script` or `<!--` can end or confuse it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The page: title, icon, the spec as JSON, Scalar's bundle and the boot script, all inline. */
export function scalarPage(title: string, spec: unknown, bundle: string): string {
  const icon = `data:image/svg+xml,${encodeURIComponent(faviconSvg)}`;
  // The bundle ends with a sourceMappingURL comment: no map is shipped, so none is named.
  const script = bundle.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, "\n");
  if (/<\/script/i.test(script)) throw new Error("the renderer's bundle contains </script");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<link rel="icon" type="image/svg+xml" href="${icon}">`,
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    '<div id="latchkey-docs"></div>',
    `<script id="latchkey-spec" type="application/json">${scriptJson(spec)}</script>`,
    starterKeySlot,
    `<script>${script}</script>`,
    `<script>${boot}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
