package org.epicenter.server.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.epicenter.alert.Subscription;
import org.epicenter.server.MailSettings;
import org.epicenter.server.alert.Mailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email channel against a real SMTP server (GreenMail) on 127.0.0.1. */
class EmailTest {
    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void anAlertArrivesAsOneMailWhoseIdIsItsKey() throws Exception {
        int port = smtp.getSmtp().getPort();
        var channel = Email.sender(
                new Mailer(new MailSettings("127.0.0.1", port, "alerts@epicenter.example", "none", null, null)));
        var to = new Subscription("mail", "email", null, null, "ops@bank.example", null, null, null, null, null);
        String json = """
                {"version":1,"id":"mail|cause:cloudflare@2025-11-18T11:20:00Z|firing","kind":"firing","subject":"cause",
                 "title":"Cloudflare is the likely epicenter: 5 services that depend on it are failing",
                 "text":"5 of 6 monitored services that depend on Cloudflare failed between 11:20 and 11:27 UTC","provider":"cloudflare",
                 "services":["x","chatgpt"],"countries":["US","SA"],"start":"2025-11-18T11:20:00Z","end":null,"url":"https://epicenter.example/s/cloudflare"}
                """;
        var payload = new ObjectMapper().readTree(json);
        String key = payload.path("id").asText();
        assertThat(channel.send(to, key, payload, json.getBytes(StandardCharsets.UTF_8))
                        .ok())
                .isTrue();
        assertThat(channel.send(to, key, payload, json.getBytes(StandardCharsets.UTF_8))
                        .ok())
                .as("sent again after a restart")
                .isTrue();

        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[0].getSubject())
                .isEqualTo("[Epicenter] Cloudflare is the likely epicenter: 5 services that depend on it are failing");
        assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("ops@bank.example");
        assertThat(got[0].getMessageID())
                .as("the same message to a mail system that keeps ids")
                .isEqualTo(got[1].getMessageID())
                .endsWith("@epicenter>");
        assertThat(got[0].getHeader("X-Epicenter-Key")[0]).isEqualTo(key);
        assertThat((String) got[0].getContent())
                .contains("5 of 6 monitored services")
                .contains("Services: x, chatgpt")
                .contains("https://epicenter.example/s/cloudflare");
    }

    @Test
    void anSmtpServerAwayIsWorthAnotherTry() {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        var channel = Email.sender(
                new Mailer(new MailSettings("127.0.0.1", port, "alerts@epicenter.example", "none", null, null)));
        var to = new Subscription("mail", "email", null, null, "ops@bank.example", null, null, null, null, null);
        var outcome = channel.send(
                to,
                "k",
                new ObjectMapper().createObjectNode().put("kind", "firing").put("title", "t"),
                new byte[0]);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.error()).startsWith("SMTP: ");
        smtp.start();
    }

    @Test
    void anAddressIsRequired() {
        var email = new Email();
        for (String bad :
                new String[] {null, "not-an-address", "a@b", "ops@bank.example, x@y.example", "<ops@bank.example>"}) {
            var s = new Subscription("mail", "email", null, null, bad, null, null, null, null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> email.check(s))
                    .as(String.valueOf(bad))
                    .hasMessageStartingWith("to: an email address is required");
        }
        email.check(new Subscription("mail", "email", null, null, "ops@bank.example", null, null, null, null, null));
        assertThat(email.open(new org.epicenter.server.alert.channel.Outbound(null, null)))
                .as("no SMTP settings, no email channel")
                .isNull();
    }
}
