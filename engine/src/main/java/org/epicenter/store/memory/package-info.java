/** Storage in memory (replay and tests): one class per facet. */
package org.epicenter.store.memory;
