package dev.sluice.payload;

/** One named member of a JSON object: its JSON name, its type, and whether it may be absent. */
public record Field(String name, FieldType type, boolean optional) {}
