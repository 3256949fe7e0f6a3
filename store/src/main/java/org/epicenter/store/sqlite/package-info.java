/** The embedded SQLite backend: one file in WAL mode, one class per facet. */
package org.epicenter.store.sqlite;
