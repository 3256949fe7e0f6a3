/** Active probes: HTTP, TLS and DNS checks, the address guard that keeps them off internal networks. */
package org.epicenter.probes;
