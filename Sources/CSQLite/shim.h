// Bridges the system SQLite 3 to Swift.
#ifndef TAPPASS_CSQLITE_SHIM_H
#define TAPPASS_CSQLITE_SHIM_H
#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a cast of -1 to a function pointer, which Swift
/// cannot import; bindings that must copy their buffer use this.
static inline sqlite3_destructor_type tp_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

/// `sqlite3_db_config` is variadic and Swift cannot call variadic C
/// functions: this wraps the integer-flag form used to enable defensive mode.
static inline int tp_sqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
  return sqlite3_db_config(db, op, value, out);
}
#endif
