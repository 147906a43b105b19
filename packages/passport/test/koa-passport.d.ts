// koa-passport ships no types and @types/koa-passport is not installed: the part these tests use.
declare module 'koa-passport' {
  import type { Middleware } from 'koa';
  import type { Strategy } from 'passport';

  type Done = (error: unknown, value?: unknown) => void;
  type CustomCallback = (error: unknown, user: unknown, info: unknown, status: unknown) => unknown;

  class KoaPassport {
    use(strategy: Strategy): this;
    use(name: string, strategy: Strategy): this;
    initialize(): Middleware;
    session(): Middleware;
    authenticate(name: string | string[], options?: object, callback?: CustomCallback): Middleware;
    authenticate(name: string | string[], callback: CustomCallback): Middleware;
    serializeUser(fn: (user: unknown, done: Done) => void): void;
    deserializeUser(fn: (id: unknown, done: Done) => void): void;
  }
  const passport: KoaPassport & { KoaPassport: typeof KoaPassport };
  export default passport;
}
