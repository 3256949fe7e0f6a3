/** Administration: the admin token, catalog changes in two phases. */
package org.epicenter.server.admin;
