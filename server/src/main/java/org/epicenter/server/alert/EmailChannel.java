package org.epicenter.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import org.epicenter.alert.Subscription;
import org.epicenter.server.MailSettings;

/**
 * Email over SMTP (Jakarta Mail). The notification's key becomes the {@code Message-ID}, so a mail
 * sent again after a restart is the same message to a mail system that keeps ids. A refusal of the
 * address or of the login will not pass; anything else (a server away, a 4xx) is tried again.
 */
public final class EmailChannel implements Channel {
    private final MailSettings smtp;
    private final Session session;

    public EmailChannel(MailSettings smtp) {
        this.smtp = smtp;
        var p = new Properties();
        String proto = smtp.security().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", Integer.toString(smtp.port()));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "10000");
        p.put("mail." + proto + ".writetimeout", "10000");
        p.put("mail." + proto + ".auth", Boolean.toString(smtp.user() != null));
        if (smtp.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!smtp.security().equals("none")) {
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public Outcome send(Subscription to, String key, JsonNode payload, byte[] body) {
        try {
            var m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + digest(key) + "@epicenter>");
                }
            };
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to.to(), true));
            String kind = payload.path("kind").asText();
            m.setSubject((kind.equals("resolved") ? "[Resolved] " : kind.equals("firing") ? "[Epicenter] " : "[Update] ")
                    + payload.path("title").asText(), "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("X-Epicenter-Key", key);
            m.setText(HttpChannels.line(payload) + "\n\nServices: " + join(payload.path("services")) + "\nCountries: " + join(payload.path("countries"))
                    + "\nStarted: " + payload.path("start").asText() + (payload.path("end").isNull() ? "" : "\nEnded: " + payload.path("end").asText())
                    + "\n", "UTF-8");
            Transport.send(m, m.getAllRecipients(), smtp.user(), smtp.password());
            return Outcome.OK;
        } catch (AuthenticationFailedException e) {
            return Outcome.refused("SMTP login refused: " + e.getMessage());
        } catch (SendFailedException e) {
            return Outcome.refused("SMTP refused the address: " + e.getMessage());
        } catch (MessagingException e) {
            return Outcome.retry("SMTP: " + e.getMessage());
        }
    }

    private static String join(JsonNode list) {
        var out = new StringBuilder();
        list.forEach(n -> out.append(out.isEmpty() ? "" : ", ").append(n.asText()));
        return out.toString();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
