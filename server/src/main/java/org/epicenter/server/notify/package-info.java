/** Visitors' notices: "tell me when it is back", double opt-in email. */
package org.epicenter.server.notify;
