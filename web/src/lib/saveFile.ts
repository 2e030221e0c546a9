/** Hands the browser a file the page holds (fetched, or made here), to save under its name. */
export function saveFile(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  // Revoked after the browser has taken the file: at once, a slow machine could lose it.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
