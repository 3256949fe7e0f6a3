/** The ntfy alert channel: its checks and its adapter. */
package org.epicenter.server.alert.channel.ntfy;
