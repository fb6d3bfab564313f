import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../common/embedded-postgres';
import { TEST_JWT_SECRET } from './harness';

export interface ServiceProcess {
  url: string;
  wsUrl: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '../../dist/main.js');

/** Starts the built service (`node dist/main.js`) as its own process on a free loopback port. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), JWT_SECRET: TEST_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('已启动')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
