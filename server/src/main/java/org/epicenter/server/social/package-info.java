/** Social post sources: adapters that read public posts and hand them to {@code SocialService}. */
package org.epicenter.server.social;
