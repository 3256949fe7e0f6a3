/** The embedded SQLite backend: one file in WAL mode, one writer connection and a few readers. */
package org.epicenter.store.sqlite;
