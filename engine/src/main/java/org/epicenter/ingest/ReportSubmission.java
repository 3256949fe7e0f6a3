package org.epicenter.ingest;

/**
 * A report as a transport decoded it, before any rule is applied. Transports only decode; every
 * rule lives in {@link ReportIngest}.
 *
 * @param declaredCountry the client's own claim, or null
 * @param trustedCountry  from a configured reverse-proxy header (wins when valid), or null
 * @param clientAddress   the client's network address; hashed, never stored. Its network
 *                        ({@link ClientNetwork}) is the reporter: headers such as User-Agent play no part
 */
public record ReportSubmission(
        String service, String problem, String declaredCountry, String trustedCountry, String clientAddress) {}
