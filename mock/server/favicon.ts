// latchkey's icon: a key on a dark square. Inlined into the docs page (so it stays offline) and
// served at /favicon.ico, which browsers ask for on their own when they open any sandbox URL.
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f3a5f"/><circle cx="12" cy="16" r="6" fill="none" stroke="#f2c14e" stroke-width="3"/><path d="M18 16h10M24 16v5M28 16v4" stroke="#f2c14e" stroke-width="3"/></svg>';
