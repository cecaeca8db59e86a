/**
 * The character (and byte) codes the line-based parsers test for. An enum rather than module constants: the
 * bundler writes each use as the number itself, where a module-level `const` is read from the module's scope
 * at every use, which cost the SSE parser's loop several nanoseconds per line.
 */
export enum CharCode {
  NUL = 0,
  TAB = 9,
  LF = 10,
  CR = 13,
  SPACE = 32,
  COLON = 58,
  a = 97,
  d = 100,
  e = 101,
  i = 105,
  n = 110,
  r = 114,
  t = 116,
  v = 118,
  BOM = 0xfeff,
}
