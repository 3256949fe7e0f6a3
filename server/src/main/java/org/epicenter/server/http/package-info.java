/** The HTTP API and the web pages (Javalin, and the report POST on Jetty's core API). */
package org.epicenter.server.http;
