/**
 * Preloaded (`node --require bench/cpu-at-exit.cjs …`) into the processes whose whole CPU time
 * bench/run.js compares — `node -e 0` and the `tekton-pod` executable: at exit, writes the
 * process's CPU time (user + system, microseconds) as JSON to file descriptor 3. CommonJS, so
 * that it costs both processes the same and starts no ES module loader `node -e 0` would not.
 */
"use strict";
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  writeSync(3, JSON.stringify({ cpuUs: user + system }));
});
