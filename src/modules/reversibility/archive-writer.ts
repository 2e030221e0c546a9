import { AsyncZipDeflate, strToU8, Zip, ZipDeflate } from 'fflate';
import { CSV_START, type CsvValue, csvLines } from '../../core/csv.js';

type Rows = readonly (readonly CsvValue[])[];

/** A CSV file of the archive, written a batch of lines at a time. */
export interface CsvEntry {
  add(rows: Rows): void;
  /** The lines written so far, its header left out. */
  readonly lines: number;
}

/**
 * A ZIP archive written as the rows come, so that only the compressed archive is kept whole
 * (the rows as objects took 2.8 kB each: a funder with two million redemptions would have
 * taken the server's memory). Each CSV file is compressed in a worker thread (fflate's
 * AsyncZipDeflate), so that the server's event loop, answering the places' redemptions
 * meanwhile, does not spend the seconds a large funder's files take; the files are written
 * one after the other, each ended before the next begins, so that a worker or two run at once. The README comes first in the archive and is written last, when the
 * files' line counts are known.
 */
export class ArchiveWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly done: Promise<void>;
  private readonly readme: ZipDeflate;
  private open: AsyncZipDeflate | null = null;

  constructor(readmeName: string) {
    let resolve: () => void;
    let reject: (error: Error) => void;
    this.done = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // An error of a worker stops the archive; finish() rethrows it.
    this.done.catch(() => {});
    this.zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      this.chunks.push(chunk);
      if (final) resolve();
    });
    this.readme = new ZipDeflate(readmeName, { level: 6 });
    this.zip.add(this.readme);
  }

  /** Starts the next CSV file (the previous one ends): its byte-order mark and header line. */
  csv(name: string, header: readonly string[]): CsvEntry {
    this.closeOpen();
    const file = new AsyncZipDeflate(name, { level: 6 });
    this.zip.add(file);
    this.open = file;
    file.push(strToU8(`${CSV_START}${csvLines([header])}`));
    let lines = 0;
    return {
      add(rows) {
        if (rows.length === 0) return;
        file.push(strToU8(csvLines(rows)));
        lines += rows.length;
      },
      get lines() {
        return lines;
      },
    };
  }

  /** Writes the README, ends the archive and gives it whole. */
  async finish(readme: string): Promise<Buffer> {
    this.closeOpen();
    this.readme.push(strToU8(readme), true);
    this.zip.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }

  /** Stops the workers of an archive that will not be finished (a read failed). */
  abort() {
    this.zip.terminate();
  }

  private closeOpen() {
    this.open?.push(new Uint8Array(0), true);
    this.open = null;
  }
}
