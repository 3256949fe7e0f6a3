/** Official status feeds: Statuspage JSON, RSS and Atom parsers, polled politely. */
package org.epicenter.feeds;
