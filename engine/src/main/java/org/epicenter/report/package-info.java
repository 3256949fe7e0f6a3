/** Post-incident reports, in Markdown and JSON. */
package org.epicenter.report;
