package dev.sluice.update;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Service;
import dev.sluice.plan.ServicePlan;
import dev.sluice.plan.Setting;
import dev.sluice.render.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an update changes in the plan, as {@code sluice plan} would state it: each derived setting whose value
 * changes (old → new, with the new reason), endpoints added or gone, and the monthly cost before and after. Both
 * plans are made by the running version's rules, so that what the answers change reads apart from template fixes.
 */
public final class SettingChanges {
    /** The reasons' width, so that they read on an 80-column terminal under their setting. */
    private static final int WIDTH = 72;

    private SettingChanges() {}

    public static List<String> lines(Service before, ServicePlan planBefore, Service after, ServicePlan planAfter) {
        List<String> lines = new ArrayList<>();
        Map<String, List<Setting>> old = byPath(before, planBefore.endpointSettings());
        Map<String, List<Setting>> now = byPath(after, planAfter.endpointSettings());
        for (Map.Entry<String, List<Setting>> endpoint : now.entrySet()) {
            List<Setting> was = old.get(endpoint.getKey());
            if (was == null) {
                lines.add("  " + endpoint.getKey() + ": a new endpoint (its settings: sluice plan)");
                continue;
            }
            Map<String, Setting> wasByKey = was.stream().collect(Collectors.toMap(Setting::key, Function.identity(), (a, b) -> a));
            for (Setting setting : endpoint.getValue()) {
                Setting previous = wasByKey.get(setting.key());
                if (previous != null && !previous.value().equals(setting.value())) {
                    lines.add("  " + endpoint.getKey() + " " + setting.label() + ": " + previous.value() + " → " + setting.value());
                    Wrap.lines(setting.why(), WIDTH).forEach(line -> lines.add("      " + line));
                }
            }
        }
        old.keySet().stream().filter(path -> !now.containsKey(path)).forEach(path -> lines.add("  " + path + ": gone"));
        if (lines.isEmpty()) {
            lines.add("  none");
        }
        lines.add(0, "Derived settings that change:");
        String costBefore = planBefore.monthlyTotalText();
        String costAfter = planAfter.monthlyTotalText();
        lines.add("Monthly cost at the average traffic: " + (costBefore.equals(costAfter) ? costAfter + " (unchanged)" : costBefore + " → " + costAfter));
        return lines;
    }

    private static Map<String, List<Setting>> byPath(Service service, List<List<Setting>> settings) {
        Map<String, List<Setting>> byPath = new java.util.LinkedHashMap<>();
        List<Answers> endpoints = service.endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            byPath.put(endpoints.get(i).path(), settings.get(i));
        }
        return byPath;
    }
}
