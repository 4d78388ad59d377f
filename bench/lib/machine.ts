// What the figures were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { sql } from 'kysely';
import type { Deps } from '../../src/server/deps.ts';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  /** `free -g` as printed */
  free: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure */
  loadAverage: number;
}

export function describeMachine(): Machine {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  let free = '';
  try {
    free = execFileSync('free', ['-g'], { encoding: 'utf8' }).trim();
  } catch {
    free = 'free(1) not available';
  }
  return { cpus: availableParallelism(), cpuModel, memoryGb: Math.round(totalmem() / 2 ** 30), free, node: process.version, loadAverage: loadavg()[0]! };
}

export async function engineVersion(deps: Deps): Promise<string> {
  const query = deps.engine === 'sqlite' ? sql<{ v: string }>`select 'SQLite ' || sqlite_version() as v` : sql<{ v: string }>`select version() as v`;
  return (await query.execute(deps.db)).rows[0]?.v ?? 'unknown';
}
