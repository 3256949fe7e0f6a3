/** Official status pages as data: snapshots, records, states, and what acknowledges an incident. */
package org.epicenter.feed;
