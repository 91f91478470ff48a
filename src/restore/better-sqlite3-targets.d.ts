// better-sqlite3 13 ships one entry per prebuilt platform (package.json "exports"); @types/better-sqlite3
// only describes the default entry, and every platform entry exports the same constructor.
declare module 'better-sqlite3/linux-x64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/linux-arm64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/linuxmusl-x64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/linuxmusl-arm64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/darwin-x64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/darwin-arm64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/win32-x64' {
  import Database from 'better-sqlite3';
  export default Database;
}
declare module 'better-sqlite3/win32-arm64' {
  import Database from 'better-sqlite3';
  export default Database;
}
