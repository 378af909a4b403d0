/** Collects what a CLI run prints, for assertions. */
export function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), isTTY: false },
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}
