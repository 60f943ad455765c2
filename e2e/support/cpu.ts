import { readFileSync } from 'node:fs';

/** Linux USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) a running process has used so far, in ms; undefined when it is gone or
 * /proc is not there. Two readings around a measurement give the CPU a piece of work cost, a figure that — unlike
 * wall time — other load on a shared machine barely changes.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name "(…)", which may itself contain spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Total CPU ms of several processes; undefined if any of them cannot be read. */
export function totalCpuMs(pids: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === undefined) return undefined;
    total += ms;
  }
  return total;
}

/** Starts a CPU stopwatch over these processes; `stop()` gives the CPU ms they used in between. */
export function cpuStopwatch(pids: Array<number | undefined>): { stop(): number | undefined } {
  const before = totalCpuMs(pids);
  return {
    stop() {
      const after = totalCpuMs(pids);
      return before === undefined || after === undefined ? undefined : after - before;
    },
  };
}
