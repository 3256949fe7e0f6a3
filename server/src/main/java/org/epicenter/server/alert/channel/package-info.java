/** Alert channels: one folder per channel ({@code <name>/}), listed in the {@link org.epicenter.server.alert.channel.Channels} registry. */
package org.epicenter.server.alert.channel;
