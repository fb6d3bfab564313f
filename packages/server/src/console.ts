import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { REPO_ROOT } from './config';

/** Where `pnpm --filter @dangjian/web build` puts the example console. */
export const CONSOLE_DIR = path.join(REPO_ROOT, 'packages', 'web', 'dist');

/**
 * Serves the built example console at `/` when it has been built (the console uses hash routes,
 * so its index page is all a browser ever asks for besides its assets). Without a build the
 * service runs as before.
 */
export function consoleRouter(dir = CONSOLE_DIR): Router {
  const router = Router();
  if (!fs.existsSync(path.join(dir, 'index.html'))) return router;
  router.use(express.static(dir, { index: 'index.html', maxAge: '1h', dotfiles: 'allow' }));
  return router;
}
