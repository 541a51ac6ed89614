// `npm run generate` writes src/generated from openapi.yaml; `--check` (CI) writes nothing and
// exits 1 listing every stale file. `--root DIR` runs against another checkout (used by tests).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SpecError } from "./codegen/derive-security";
import { generatedFiles, staleFiles } from "./codegen/generated-files";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    root: { type: "string", default: resolve(dirname(fileURLToPath(import.meta.url)), "..") },
  },
});
const root = resolve(values.root);

try {
  const files = await generatedFiles(root);
  const stale = await staleFiles(files, root);
  if (values.check) {
    if (stale.length > 0) {
      console.error("Generated files are stale; run `npm run generate` and commit the result:");
      for (const path of stale) console.error(`  ${path}`);
      process.exit(1);
    }
    console.log(`src/generated is up to date (${files.length} files).`);
  } else {
    const expected = new Set(files.map((file) => file.path));
    for (const path of stale.filter((path) => !expected.has(path))) {
      await rm(join(root, path), { force: true, recursive: true });
    }
    for (const file of files) {
      await mkdir(dirname(join(root, file.path)), { recursive: true });
      await writeFile(join(root, file.path), file.content);
    }
    const changed = stale.length ? stale.join(", ") : "nothing changed";
    console.log(`Generated ${files.length} files from openapi.yaml (${changed}).`);
  }
} catch (error) {
  // A spec mistake is the user's to fix, so show the message, not a stack into the generator.
  console.error(error instanceof SpecError ? `openapi.yaml: ${error.message}` : error);
  process.exit(1);
}
