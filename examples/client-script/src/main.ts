import { runExample } from './run-example.ts';

await runExample();
