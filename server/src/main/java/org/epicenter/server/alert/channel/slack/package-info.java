/** The slack alert channel: its checks and its adapter. */
package org.epicenter.server.alert.channel.slack;
