import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const RESULTS = new URL('./RESULTS.md', import.meta.url);

/** Replaces this benchmark's section of bench/RESULTS.md, keeping the others. */
export function recordResult(name: string, lines: string[]) {
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const sections = text.split(/\n(?=## )/);
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const body = `## ${name}\n\nRun ${new Date().toISOString()} on ${machine}.\n\n${lines.join('\n')}\n`;
  const kept = sections.filter((s) => !s.startsWith(`## ${name}\n`));
  fs.writeFileSync(RESULTS, `${[...kept.map((s) => s.trimEnd()), body.trimEnd()].join('\n\n')}\n`);
}
