/** Offline replay: the byte-level report CSV reader of {@code epicenter detect}. */
package org.epicenter.server.replay;
