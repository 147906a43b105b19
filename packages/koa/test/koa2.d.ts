// `koa2` is an npm alias of koa@2, installed to run the suite on both majors; @types/koa covers both.
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
