/** A one-line text progress bar, redrawn in place on a terminal: `[#####-----] 130/250`. */
export function progressBar(
  write: (text: string) => void,
  isTty: boolean,
  width = 30,
): (done: number, total: number) => void {
  return (done, total) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
    write(isTty ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}
