package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/** The server logs: an slf4j-api from another library once won the version mediation and made every log line vanish. */
class LoggingTest {
    @Test
    void logLinesAreWrittenNotSwallowed() {
        assertThat(LoggerFactory.getILoggerFactory()).isNotInstanceOf(NOPLoggerFactory.class);
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
    }
}
