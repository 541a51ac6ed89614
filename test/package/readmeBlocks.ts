// The fenced code blocks of README.md, by the `##` section they sit in, for the test that
// compiles every TypeScript block in a consumer project of the packed tarball.

export interface CodeBlock {
  /** The `##` heading above it ("" before the first). */
  section: string;
  /** The fence's info string: `ts`, `json`, `sh` … */
  lang: string;
  code: string;
}

export function readmeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let section = "";
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split("\n")) {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (open) {
      if (fence && fence[1] === "") {
        blocks.push({ section, lang: open.lang, code: `${open.lines.join("\n")}\n` });
        open = undefined;
      } else open.lines.push(line);
    } else if (fence) {
      open = { lang: fence[1] ?? "", lines: [] };
    } else if (line.startsWith("## ")) {
      section = line.slice(3).trim();
    }
  }
  return blocks;
}

/**
 * How each `ts` block is compiled: on its own, or (if that fails) after the `ts` blocks above it
 * in the same section. Returns, per block, the candidate sources in that order.
 */
export function compileCandidates(blocks: CodeBlock[]): { block: CodeBlock; sources: string[] }[] {
  const ts = blocks.filter((block) => block.lang === "ts");
  return ts.map((block, index) => {
    const above = ts.slice(0, index).filter((other) => other.section === block.section);
    const sources = [block.code];
    if (above.length > 0) sources.push([...above, block].map((b) => b.code).join("\n"));
    return { block, sources };
  });
}
