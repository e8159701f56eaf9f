package dev.sluice.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated peak as an SVG chart, 800 × 400: the oldest message's age (with the tolerance and the
 * 80% target as lines) above the backlog, on one time axis, the peak shaded. Hand-written SVG 1.1,
 * byte for byte the same for the same plan (no dates, no random ids, locale-independent numbers).
 */
public final class CapacityChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 400;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int AGE_TOP = 72;
    private static final int AGE_BOTTOM = 206;
    private static final int BACKLOG_TOP = 232;
    private static final int BACKLOG_BOTTOM = 338;

    private static final String INK = "#1f2328";
    private static final String MUTED = "#57606a";
    private static final String GRID = "#d8dee4";
    private static final String AXIS = "#8c959f";
    private static final String AGE = "#0969da";
    private static final String BACKLOG = "#8250df";
    private static final String TOLERANCE = "#cf222e";
    private static final String PEAK = "#fff1e5";
    private static final String PEAK_EDGE = "#fb8f44";
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

    private CapacityChart() {}

    /** The chart of {@code plan}'s simulation. */
    public static String svg(Plan plan) {
        return svg(plan.simulation());
    }

    public static String svg(SimulationSummary sim) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(sim, "xmlns=\"http://www.w3.org/2000/svg\"");
    }

    /** The height of a panel's heading in a service's chart. */
    static final int HEADING = 36;

    /**
     * A service's chart. One endpoint's is {@link #svg(Plan)}. With several, one SVG (the one file {@code --chart} names)
     * with a panel per endpoint, top to bottom in the service's order, each the endpoint's own chart under a heading
     * naming its POST: the endpoints side by side in one picture, none of them a file the user did not ask for.
     */
    public static String svg(ServicePlan service, List<String> paths) {
        if (service.single()) {
            return svg(service.endpoints().get(0));
        }
        int n = service.endpoints().size();
        int height = n * (HEADING + HEIGHT);
        StringBuilder s = new StringBuilder(n * 24_000);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\">\n");
        s.append("  <title>Simulated queues at the planned peaks, an endpoint a panel</title>\n");
        s.append("  <rect width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        for (int i = 0; i < n; i++) {
            int top = i * (HEADING + HEIGHT);
            text(s, LEFT, top + 26, 16, INK, "start", "bold", "POST " + paths.get(i));
            s.append(element(service.endpoints().get(i).simulation(), "x=\"0\" y=\"" + (top + HEADING) + "\"").replaceAll("(?m)^", "  "));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** The chart as an {@code svg} element with {@code attributes} first (the namespace, or a place in a bigger SVG). */
    private static String element(SimulationSummary sim, String attributes) {
        List<Simulation.Point> points = sim.series();
        double t0 = points.get(0).seconds();
        double t1 = points.get(points.size() - 1).seconds();
        double maxAge = points.stream().mapToDouble(Simulation.Point::ageSeconds).max().orElse(0);
        double maxBacklog = points.stream().mapToDouble(Simulation.Point::backlog).max().orElse(0);
        Scale x = new Scale(t0, t1, LEFT, WIDTH - RIGHT);
        TimeUnit xUnit = TimeUnit.forSpan(t1 - t0);
        Ticks ageTicks = Ticks.of(Math.max(sim.toleranceSeconds() * 1.12, maxAge * 1.06), 4, TimeUnit.forSpan(Math.max(sim.toleranceSeconds(), maxAge)));
        Scale yAge = new Scale(0, ageTicks.max(), AGE_BOTTOM, AGE_TOP);
        Ticks backlogTicks = Ticks.of(Math.max(10, maxBacklog * 1.08), 3, null);
        Scale yBacklog = new Scale(0, backlogTicks.max(), BACKLOG_BOTTOM, BACKLOG_TOP);

        StringBuilder s = new StringBuilder(24_000);
        s.append("<svg ").append(attributes).append(" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\">\n");
        s.append("  <title>Simulated queue at the planned peak</title>\n");
        s.append("  <desc>").append(escape(description(sim))).append("</desc>\n");
        s.append("  <rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>\n");

        // Title and the settings it was simulated with.
        text(s, LEFT, 26, 15, INK, "start", "bold", "Simulated queue at the planned peak");
        String subtitle = Formats.rate(sim.avgRps()) + " → " + Formats.rate(sim.peakRps()) + " requests/s for "
                + Formats.seconds(sim.peakSeconds()) + " → " + Formats.rate(sim.avgRps()) + " requests/s · batch " + sim.batchSize()
                + ", window " + sim.batchingWindowSeconds() + " s, max concurrency " + sim.concurrency() + ", " + sim.processingMs()
                + " ms typical, " + sim.processingMsWorst() + " ms worst";
        // About 0.56 em a character: shrink a long subtitle to the width of the panels.
        double size = Math.min(11.5, Math.floor((WIDTH - LEFT - RIGHT) / (subtitle.length() * 0.56) * 2) / 2);
        text(s, LEFT, 45, size, MUTED, "start", null, subtitle);

        // The peak, shaded across both panels.
        double px0 = x.at(Math.max(t0, 0));
        double px1 = x.at(Math.min(t1, sim.peakSeconds()));
        s.append("  <rect x=\"").append(f(px0)).append("\" y=\"").append(AGE_TOP).append("\" width=\"").append(f(px1 - px0))
                .append("\" height=\"").append(BACKLOG_BOTTOM - AGE_TOP).append("\" fill=\"").append(PEAK).append("\"/>\n");
        for (double edge : new double[] {px0, px1}) {
            line(s, edge, AGE_TOP, edge, BACKLOG_BOTTOM, PEAK_EDGE, 1, "2 3");
        }
        if (px1 - px0 > 70) {
            text(s, px0 + 5, AGE_TOP + 12, 10.5, "#bc4c00", "start", null, "peak " + Formats.rate(sim.peakRps()) + " req/s");
        }

        // Panel: age.
        for (double v : ageTicks.values()) {
            double y = yAge.at(v);
            line(s, LEFT, y, WIDTH - RIGHT, y, GRID, 1, null);
            text(s, LEFT - 8, y + 3.5, 10.5, MUTED, "end", null, ageTicks.label(v));
        }
        double target = yAge.at(sim.targetSeconds());
        line(s, LEFT, target, WIDTH - RIGHT, target, TOLERANCE, 1, "1 3");
        double tolerance = yAge.at(sim.toleranceSeconds());
        line(s, LEFT, tolerance, WIDTH - RIGHT, tolerance, TOLERANCE, 1.6, "7 4");
        text(s, WIDTH - RIGHT - 4, tolerance - 5, 10.5, TOLERANCE, "end", "bold", "tolerance " + Formats.seconds(sim.toleranceSeconds()));
        text(s, WIDTH - RIGHT - 4, target + 12, 10, TOLERANCE, "end", null, "80% target " + Formats.seconds(sim.targetSeconds()));
        s.append("  <polyline fill=\"none\" stroke=\"").append(AGE).append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        polyline(s, points, x, yAge, true);
        s.append("\"/>\n");
        Simulation.Point oldest = highest(points, maxAge, true);
        marker(s, x.at(oldest.seconds()), yAge.at(oldest.ageSeconds()), AGE,
                sim.drains() ? "worst " + Formats.seconds(sim.worstAgeSeconds()) : "grows without bound", AGE_TOP + 20);
        panelTitle(s, AGE_TOP, "Oldest message age, accept → processed");
        axes(s, AGE_TOP, AGE_BOTTOM);

        // Panel: backlog.
        for (double v : backlogTicks.values()) {
            double y = yBacklog.at(v);
            line(s, LEFT, y, WIDTH - RIGHT, y, GRID, 1, null);
            text(s, LEFT - 8, y + 3.5, 10.5, MUTED, "end", null, backlogTicks.label(v));
        }
        s.append("  <polygon fill=\"").append(BACKLOG).append("\" fill-opacity=\"0.16\" stroke=\"none\" points=\"");
        s.append(f(x.at(t0))).append(',').append(f(yBacklog.at(0))).append(' ');
        polyline(s, points, x, yBacklog, false);
        s.append(' ').append(f(x.at(t1))).append(',').append(f(yBacklog.at(0)));
        s.append("\"/>\n");
        s.append("  <polyline fill=\"none\" stroke=\"").append(BACKLOG).append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"");
        polyline(s, points, x, yBacklog, false);
        s.append("\"/>\n");
        if (maxBacklog >= 0.5) {
            Simulation.Point most = highest(points, maxBacklog, false);
            marker(s, x.at(most.seconds()), yBacklog.at(most.backlog()), BACKLOG, sim.drains()
                    ? "peak " + Formats.count(Math.ceil(sim.peakBacklogMessages() - 1e-9)) + " messages" : "grows without bound", BACKLOG_TOP + 20);
        } else {
            text(s, (LEFT + WIDTH - RIGHT) / 2.0, BACKLOG_BOTTOM - 40, 11, MUTED, "middle", null,
                    "no backlog: the consumers keep up with the peak");
        }
        panelTitle(s, BACKLOG_TOP, "Backlog, messages waiting in the queue");
        axes(s, BACKLOG_TOP, BACKLOG_BOTTOM);

        // Time axis.
        Ticks timeTicks = Ticks.of(t0 / xUnit.seconds, t1 / xUnit.seconds, 6);
        for (double v : timeTicks.values()) {
            double xv = x.at(v * xUnit.seconds);
            line(s, xv, BACKLOG_BOTTOM, xv, BACKLOG_BOTTOM + 4, AXIS, 1, null);
            text(s, xv, BACKLOG_BOTTOM + 16, 10.5, MUTED, "middle", null, Ticks.number(v));
        }
        text(s, (LEFT + WIDTH - RIGHT) / 2.0, BACKLOG_BOTTOM + 32, 11, INK, "middle", null, xUnit.name + " since the peak began");

        // Legend.
        legend(s, sim);
        s.append("</svg>\n");
        return s.toString();
    }

    private static String description(SimulationSummary sim) {
        return "Queue simulated over " + sim.peakText() + ": worst message age " + sim.worstAgeText() + " against a tolerance of "
                + sim.toleranceText() + "; backlog at most " + sim.peakBacklogText() + "; time to drain: " + sim.drainText() + ".";
    }

    private static void legend(StringBuilder s, SimulationSummary sim) {
        String[] labels = {"oldest message age", "tolerance (dashed) and 80% target (dotted)", "backlog", "peak"};
        double[] widths = new double[labels.length];
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            widths[i] = 26 + labels[i].length() * 5.6 + 18;
            total += widths[i];
        }
        double xPos = (WIDTH - total) / 2;
        double y = 392;
        for (int i = 0; i < labels.length; i++) {
            switch (i) {
                case 0 -> line(s, xPos, y - 4, xPos + 20, y - 4, AGE, 2, null);
                case 1 -> line(s, xPos, y - 4, xPos + 20, y - 4, TOLERANCE, 1.6, "7 4");
                case 2 -> s.append("  <rect x=\"").append(f(xPos)).append("\" y=\"").append(f(y - 9)).append("\" width=\"20\" height=\"10\" fill=\"")
                        .append(BACKLOG).append("\" fill-opacity=\"0.16\" stroke=\"").append(BACKLOG).append("\" stroke-width=\"1.2\"/>\n");
                default -> s.append("  <rect x=\"").append(f(xPos)).append("\" y=\"").append(f(y - 9)).append("\" width=\"20\" height=\"10\" fill=\"")
                        .append(PEAK).append("\" stroke=\"").append(PEAK_EDGE).append("\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n");
            }
            text(s, xPos + 26, y, 10.5, INK, "start", null, labels[i]);
            xPos += widths[i];
        }
    }

    private static void panelTitle(StringBuilder s, int top, String title) {
        text(s, LEFT + 6, top - 5, 11, INK, "start", "bold", title);
    }

    private static void axes(StringBuilder s, int top, int bottom) {
        line(s, LEFT, top, LEFT, bottom, AXIS, 1, null);
        line(s, LEFT, bottom, WIDTH - RIGHT, bottom, AXIS, 1, null);
    }

    private static void marker(StringBuilder s, double cx, double cy, String color, String label, double minY) {
        s.append("  <circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy)).append("\" r=\"3.5\" fill=\"").append(color)
                .append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
        boolean left = cx > WIDTH - RIGHT - 150;
        double ly = Math.max(minY, cy - 8);
        text(s, left ? cx - 7 : cx + 7, ly, 10.5, color, left ? "end" : "start", "bold", label);
    }

    /** Where to mark a series' maximum: its first point from the peak on, else its first point. */
    private static Simulation.Point highest(List<Simulation.Point> points, double max, boolean age) {
        Simulation.Point first = null;
        for (Simulation.Point p : points) {
            double v = age ? p.ageSeconds() : p.backlog();
            if (v >= max - 1e-9) {
                if (p.seconds() >= 0) {
                    return p;
                }
                if (first == null) {
                    first = p;
                }
            }
        }
        return first;
    }

    private static void polyline(StringBuilder s, List<Simulation.Point> points, Scale x, Scale y, boolean age) {
        for (int i = 0; i < points.size(); i++) {
            Simulation.Point p = points.get(i);
            if (i > 0) {
                s.append(' ');
            }
            s.append(f(x.at(p.seconds()))).append(',').append(f(y.at(age ? p.ageSeconds() : p.backlog())));
        }
    }

    private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String color, double width, String dash) {
        s.append("  <line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2)).append("\" y2=\"")
                .append(f(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"").append(f(width)).append('"');
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append("/>\n");
    }

    private static void text(StringBuilder s, double x, double y, double size, String color, String anchor, String weight, String text) {
        s.append("  <text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" ").append(FONT).append(" font-size=\"")
                .append(f(size)).append("\" fill=\"").append(color).append('"');
        if (!"start".equals(anchor)) {
            s.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (weight != null) {
            s.append(" font-weight=\"").append(weight).append('"');
        }
        s.append('>').append(escape(text)).append("</text>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A coordinate: one decimal, no trailing ".0". */
    static String f(double v) {
        String text = Formats.fixed(v, 1).replace(",", "");
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** Linear map from data to pixels. */
    record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            double span = to - from;
            double ratio = span == 0 ? 0 : (v - from) / span;
            return pixelFrom + ratio * (pixelTo - pixelFrom);
        }
    }

    /** The time unit of an axis, chosen by the span it shows. */
    enum TimeUnit {
        SECONDS("seconds", 1), MINUTES("minutes", 60), HOURS("hours", 3600), DAYS("days", 86_400);

        final String name;
        final double seconds;

        TimeUnit(String name, double seconds) {
            this.name = name;
            this.seconds = seconds;
        }

        static TimeUnit forSpan(double spanSeconds) {
            if (spanSeconds <= 180) {
                return SECONDS;
            }
            if (spanSeconds <= 3 * 3600) {
                return MINUTES;
            }
            return spanSeconds <= 3 * 86_400 ? HOURS : DAYS;
        }
    }

    /** "Nice" tick values (1, 2, 2.5 or 5 × 10^n apart) from 0, or from a minimum, to a maximum. */
    record Ticks(double min, double max, double step, TimeUnit unit) {
        /** Ticks from 0 to at least {@code top}; with a unit, steps are nice in that unit and labels are durations. */
        static Ticks of(double top, int count, TimeUnit unit) {
            double scale = unit == null ? 1 : unit.seconds;
            double step = niceStep(top / scale / count, unit == null) * scale;
            return new Ticks(0, Math.ceil(top / step - 1e-9) * step, step, unit);
        }

        static Ticks of(double from, double to, int count) {
            double step = niceStep((to - from) / count, false);
            return new Ticks(from, to, step, null);
        }

        static double niceStep(double raw, boolean whole) {
            if (raw <= 0) {
                return 1;
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                double step = m * magnitude;
                if (step >= raw - 1e-12 && (!whole || step >= 1) && !(whole && step != Math.rint(step))) {
                    return step;
                }
            }
            return 10 * magnitude;
        }

        List<Double> values() {
            List<Double> values = new ArrayList<>();
            for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + 1e-9; i++) {
                values.add(i * step);
            }
            return values;
        }

        String label(double v) {
            if (unit != null) {
                return v == 0 ? "0" : Formats.seconds(v).replace(" ", "");
            }
            if (v >= 1_000_000) {
                return number(v / 1_000_000) + "M";
            }
            if (v >= 10_000) {
                return number(v / 1000) + "k";
            }
            return number(v);
        }

        static String number(double v) {
            if (Math.abs(v) < 1e-9) {
                return "0";
            }
            String text = Math.abs(v - Math.rint(v)) < 1e-9 ? Formats.grouped(Math.round(v)) : Formats.fixed(v, 1);
            return text.startsWith("-") ? "−" + text.substring(1) : text;
        }
    }
}
