/** The `labbook` command line. */
process.stderr.write('labbook: no commands yet.\n');
process.exitCode = 1;
