/** The telegram alert channel: its checks and its adapter. */
package org.epicenter.server.alert.channel.telegram;
