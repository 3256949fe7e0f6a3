package org.epicenter.server.alert;

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
import java.util.Map;
import java.util.Properties;
import org.epicenter.server.MailSettings;

/**
 * Plain-text mail over SMTP (Jakarta Mail), for alerts and visitors' notices. The caller's key
 * becomes the {@code Message-ID}, so a mail sent again after a restart is the same message to a mail
 * system that keeps ids. A refusal of the address or of the login will not pass; anything else (a
 * server away, a 4xx) is worth another try.
 */
public final class Mailer {
    private final MailSettings smtp;
    private final Session session;

    public Mailer(MailSettings smtp) {
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

    /**
     * @param key     stable for this message: its Message-ID is derived from it
     * @param headers extra headers (X-Epicenter-Key, List-Unsubscribe...)
     */
    public Channel.Outcome send(String to, String subject, String text, String key, Map<String, String> headers) {
        try {
            var m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + digest(key) + "@epicenter>");
                }
            };
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            for (var h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            m.setText(text, "UTF-8");
            Transport.send(m, m.getAllRecipients(), smtp.user(), smtp.password());
            return Channel.Outcome.OK;
        } catch (AuthenticationFailedException e) {
            return Channel.Outcome.refused("SMTP login refused: " + e.getMessage());
        } catch (SendFailedException e) {
            return Channel.Outcome.refused("SMTP refused the address: " + e.getMessage());
        } catch (MessagingException e) {
            return Channel.Outcome.retry("SMTP: " + e.getMessage());
        }
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
