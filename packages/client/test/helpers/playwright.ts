import { createRequire } from 'node:module';

// playwright-core is a dependency of examples/demo, not of this package: load it from there.
const requireFromDemo = createRequire(
  new URL('../../../../examples/demo/package.json', import.meta.url),
);

/** The part of a Playwright page the browser test uses. */
export interface Page {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForURL(url: string | RegExp): Promise<void>;
  waitForResponse(predicate: (response: Response) => boolean): Promise<Response>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'websocket', listener: (socket: WebSocketEvents) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
}
export interface Response {
  url(): string;
  status(): number;
  json(): Promise<unknown>;
}
export interface WebSocketEvents {
  url(): string;
  on(event: 'framesent', listener: (frame: { payload: string | Buffer }) => void): void;
}
export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium (never a downloaded browser) headless. */
export function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = requireFromDemo('playwright-core') as {
    chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
  };
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
