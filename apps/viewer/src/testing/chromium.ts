// Test harness: a real headless Chromium (Debian's package) driven by playwright-core, WebGL through SwiftShader.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by scripts/setup.sh where missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags: software WebGL (no GPU here), no network chatter on a closed machine, root-safe. */
export const CHROMIUM_TEST_FLAGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/**
 * Launches headless Chromium with a fresh profile (playwright makes and removes it); close it in afterAll.
 * @throws Error saying how to install Chromium when it is missing
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing; run bash scripts/setup.sh (or apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_TEST_FLAGS] });
}
