/**
 * The storage facets for every SQL backend ({@link org.epicenter.store.sql.SqlStorage}): one class
 * per facet, over the read and write a backend provides. Backends: {@code store.sqlite} here, and
 * {@code store.postgres} in its own module.
 */
package org.epicenter.store.sql;
