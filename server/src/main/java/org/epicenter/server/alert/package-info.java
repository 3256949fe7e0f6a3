/** Alert delivery: the durable outbox and its dispatcher, and the channels (webhooks, chat tools, email). */
package org.epicenter.server.alert;
