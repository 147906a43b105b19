// `express4` is an npm alias of express@4, installed to test both majors. Typed with the v5
// declarations, whose surface these tests use identically.
declare module 'express4' {
  import express from 'express';
  export default express;
}
