package org.epicenter.server.replay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes the report CSV of {@code epicenter detect}: a file is read whole or refused with
 * {@code source:line: what is wrong}; any other exception, a hang or running out of memory is a
 * finding. Seeds and past findings under {@code CsvFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CsvFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void csv(byte[] file) {
        try {
            ReportCsv.read(
                    "fuzz.csv",
                    new ByteArrayInputStream(file),
                    (line, millis, service, country, problem, bytes, from, to) -> {
                        if (service == null || country == null || problem == null || millis < 0) {
                            throw new AssertionError("line " + line + " accepted half: " + service + " " + country + " "
                                    + problem + " " + millis);
                        }
                    });
        } catch (ReportCsv.CsvException e) {
            if (!e.getMessage().startsWith("fuzz.csv:")) {
                throw new AssertionError("a refusal without its line: " + e.getMessage(), e);
            }
        }
    }
}
