package dev.sluice.check;

/**
 * One place where a generated project drifted from its plan's rules, as {@code sluice check} prints it: one line,
 * the file, then the resource, the value found, the rule and the limit.
 *
 * @param file    the checked file, relative to the project ({@code template.yaml}, {@code cdk.out/orders.template.json})
 * @param message the resource first, then what is wrong with it
 */
public record Finding(String file, String message) {
    /** {@code template.yaml: OrdersQueue: VisibilityTimeout 100 s is below ...}. */
    public String line() {
        return file + ": " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
