package org.epicenter.server.alert.channel;

import org.epicenter.probes.HttpProbe;
import org.epicenter.server.alert.Mailer;

/**
 * What channels send through: HTTP behind the address guard, and SMTP when configured (else null).
 */
public record Outbound(HttpProbe http, Mailer mailer) {}
