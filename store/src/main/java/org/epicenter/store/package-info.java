/** The group committer that batches report writes for any backend. */
package org.epicenter.store;
