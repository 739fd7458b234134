#!/usr/bin/env node
import { runCli } from '../cli/run-cli.js';

const code = await runCli(process.argv.slice(2), process.env);
if (code !== 0) process.exitCode = code;
