package dev.sluice.answers;

import java.util.List;

/**
 * The retentions CloudWatch Logs accepts for a log group ({@code RetentionInDays}); any other number
 * is refused at deploy time, so Sluice refuses it when asked.
 */
public final class LogRetention {
    /** From the {@code AWS::Logs::LogGroup} reference, in days. */
    public static final List<Integer> ACCEPTED_DAYS = List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public static final List<String> ACCEPTED_TEXT = ACCEPTED_DAYS.stream().map(String::valueOf).toList();

    private LogRetention() {}

    public static boolean accepted(int days) {
        return ACCEPTED_DAYS.contains(days);
    }
}
