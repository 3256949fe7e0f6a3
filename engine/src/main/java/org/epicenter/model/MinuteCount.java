package org.epicenter.model;

/** Counted reports of one service in one epoch minute, for one country and problem. */
public record MinuteCount(long minute, String service, String country, Problem problem, long reports) {}
