package dev.sluice.answers;

import dev.sluice.payload.PayloadShape;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Validated answers: every value typed, in range and consistent with the others. */
public record Answers(
        String name,
        String groupId,
        String packageName,
        String version,
        Iac iac,
        Runtime runtime,
        String path,
        Auth auth,
        PayloadShape payload,
        int maxPayloadKib,
        Duration maxDelay,
        double avgRps,
        double peakRps,
        Duration peakDuration,
        int processingMs,
        int processingMsWorst,
        OptionalInt downstreamLimit,
        Optional<String> orderingKey,
        Dedupe dedupe,
        Optional<String> dedupeKey,
        OptionalInt groups,
        OptionalInt batchingWindowSeconds,
        int logRetentionDays,
        PayloadSource payloadSource) {

    /** Ordering per key means a FIFO queue whose message group is the key's value. */
    public boolean fifo() {
        return orderingKey.isPresent();
    }

    /**
     * A standard queue deduplicating: the consumer is idempotent through a DynamoDB table (a FIFO queue deduplicates
     * in SQS itself).
     */
    public boolean idempotencyTable() {
        return !fifo() && dedupe != Dedupe.NONE;
    }

    /** How duplicates are handled: tolerated, or deduplicated by a payload field or by the whole body. */
    public enum Dedupe {
        NONE("none"), FIELD("field"), BODY("body");

        private final String id;

        Dedupe(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public enum Iac {
        SAM, CDK;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Runtime {
        JAVA21(21), JAVA25(25);

        private final int release;

        Runtime(int release) {
            this.release = release;
        }

        /** The Lambda runtime identifier, e.g. {@code java21}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The Java release the consumer is compiled for. */
        public int release() {
            return release;
        }
    }

    public enum Auth {
        NONE("none"), IAM("iam"), API_KEY("api-key");

        private final String id;

        Auth(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
