// The relative link targets of a Markdown file, for shippedLinks.test.ts.

/** The relative targets of Markdown links and images, and of HTML src/href, in `markdown`. */
export function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const targets = [
    ...[...prose.matchAll(/\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)].map(
      (m) => m[1] ?? m[2] ?? "",
    ),
    ...[...prose.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] ?? ""),
  ];
  return targets
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target))
    .map((target) => decodeURI(target.split("#", 1)[0] ?? ""))
    .filter((target) => target !== "");
}
