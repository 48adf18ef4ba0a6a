// Preloaded into every child the bench starts: when the bench dies, even by SIGKILL, the pipe on
// stdin closes, and the child follows instead of holding its port.
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();
