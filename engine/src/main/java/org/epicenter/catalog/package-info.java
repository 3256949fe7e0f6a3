/** The catalog of services and providers: entries, names in two languages, dependencies with evidence, a strict codec. */
package org.epicenter.catalog;
