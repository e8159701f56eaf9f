package dev.sluice.plan;

/** One derived setting as the README and {@code sluice plan} show it: what, its value, and why. */
public record Setting(String key, String label, String value, String why) {}
