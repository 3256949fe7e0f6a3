package org.epicenter.ingest;

/**
 * A report as a transport decoded it, before any rule is applied. Transports only decode; every
 * rule lives in {@link ReportIngest}.
 *
 * @param declaredCountry the client's own claim, or null
 * @param trustedCountry  from a configured reverse-proxy header (wins when valid), or null
 * @param clientAddress   the client's network address; hashed, never stored
 * @param userAgent       the client's User-Agent, or empty
 */
public record ReportSubmission(String service, String problem, String declaredCountry, String trustedCountry,
                               String clientAddress, String userAgent) {
}
