/** The PostgreSQL backend: every storage facet for several nodes sharing one state. */
package org.epicenter.store.postgres;
