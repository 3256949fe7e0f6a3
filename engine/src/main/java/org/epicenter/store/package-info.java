/** Storage, by facet: one interface per kind of data, handed out by a {@link org.epicenter.store.Storage} backend. */
package org.epicenter.store;
