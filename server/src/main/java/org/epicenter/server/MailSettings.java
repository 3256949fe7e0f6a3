package org.epicenter.server;

/**
 * The SMTP server email alerts go through.
 *
 * @param security starttls (default, port 587), tls (port 465) or none (a relay on a trusted network)
 * @param user     null for a server without authentication; user and password come from the environment only
 */
public record MailSettings(String host, int port, String from, String security, String user, String password) {
    public MailSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is required for email alerts");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port must be 1-65535, got " + port);
        }
        if (from == null || !from.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalArgumentException(
                    "SMTP from must be an email address, got " + (from == null ? "nothing" : "\"" + from + "\""));
        }
        security = security == null || security.isBlank() ? "starttls" : security;
        if (!security.matches("starttls|tls|none")) {
            throw new IllegalArgumentException("SMTP security must be starttls, tls or none, got \"" + security + "\"");
        }
        if (user != null && user.isBlank()) {
            user = null;
        }
    }
}
