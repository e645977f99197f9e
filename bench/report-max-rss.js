// Preloaded into every measured Node process: reports its peak resident set size and CPU time on exit
// (CPU time moves little when other work shares the cores; wall time does).
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS} BENCH_CPU_US=${user + system}\n`);
});
