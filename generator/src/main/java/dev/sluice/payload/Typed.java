package dev.sluice.payload;

/** A type and whether the schema also admits {@code null}: what one subschema (a property's, the extra properties') allows. */
public record Typed(FieldType type, boolean nullable) {}
