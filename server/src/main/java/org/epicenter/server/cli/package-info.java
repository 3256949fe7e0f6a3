/** The command line: serve, agent, detect, simulate, evaluate, nab. */
package org.epicenter.server.cli;
