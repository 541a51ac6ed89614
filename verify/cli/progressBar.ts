// A one-line progress bar for a terminal, redrawn at most ten times a second.
export function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  const draw = (done: number, total: number) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : 0;
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} cells`);
  };
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done, total);
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
}
