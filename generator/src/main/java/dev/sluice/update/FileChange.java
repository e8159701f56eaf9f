package dev.sluice.update;

/**
 * What an update does to one file of the project.
 *
 * @param path       '/'-separated, relative to the project's root
 * @param kind       what happens to it
 * @param before     the file on disk now, or null when there is none
 * @param after      what it becomes, or null when it is deleted or left as it is
 * @param executable whether the file written is executable
 * @param movedFrom  where the file was, when the update moves it (and the team's edits with it); else null
 */
public record FileChange(String path, Kind kind, byte[] before, byte[] after, boolean executable, String movedFrom) {

    public FileChange(String path, Kind kind, byte[] before, byte[] after, boolean executable) {
        this(path, kind, before, after, executable, null);
    }

    /** How the report names what happens, e.g. {@code updated (moved from src/main/java/.../OrderProcessor.java)}. */
    public String description() {
        return kind.label() + (movedFrom == null ? "" : " (moved from " + movedFrom + ", with your edits)");
    }

    public enum Kind {
        /** New in this version or these answers: written. */
        ADDED("added"),
        /** Changed by the update, merged cleanly with the team's edits (if any): written. */
        UPDATED("updated"),
        /** The team and the update changed the same lines: written with conflict markers. */
        CONFLICT("conflict"),
        /** Gone from the update and untouched by the team: deleted. */
        DELETED("deleted"),
        /** Gone from the update but edited by the team: kept as it is. */
        KEPT_EDITED("kept (edited by you, no longer generated)"),
        /** Deleted by the team but changed by the update: left deleted. */
        KEPT_DELETED("left deleted (deleted by you, changed by the update)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the update writes or deletes the file; the other kinds leave it as it is. */
        public boolean writes() {
            return this == ADDED || this == UPDATED || this == CONFLICT || this == DELETED;
        }
    }
}
