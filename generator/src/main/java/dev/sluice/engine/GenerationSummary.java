package dev.sluice.engine;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Service;
import dev.sluice.plan.Plan;
import dev.sluice.plan.ServicePlan;
import dev.sluice.render.GeneratedProject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What every way in prints once a project is written: where, the key settings, warnings, the next command. */
public final class GenerationSummary {
    private GenerationSummary() {}

    /**
     * @param where the folder (ending in '/') or archive written, as the user should read it
     * @param folder whether a folder was written, so that {@code cd} to it makes sense
     */
    /** A one-endpoint service as a project for its POST; a service of several with a line of settings per endpoint. */
    public static List<String> lines(Service service, ServicePlan plan, GeneratedProject project, String where, boolean folder) {
        List<String> lines = new ArrayList<>();
        String iac = service.iac().id().toUpperCase(Locale.ROOT);
        if (service.single()) {
            lines.add(String.format(Locale.ROOT, "Created %s: a %s project for POST %s (%d files).", where, iac,
                    service.endpoints().get(0).path(), project.files().size()));
        } else {
            lines.add(String.format(Locale.ROOT, "Created %s: a %s service of %d endpoints (%d files), about %s a month.", where, iac,
                    service.endpoints().size(), project.files().size(), plan.monthlyTotalText()));
        }
        for (int i = 0; i < service.endpoints().size(); i++) {
            Plan p = plan.endpoints().get(i);
            lines.add(String.format(Locale.ROOT, "  %sbatch %d, window %d s, max concurrency %d, timeout %d s, visibility %d s",
                    service.single() ? "" : "POST " + service.endpoints().get(i).path() + ": ",
                    p.batchSize(), p.batchingWindowSeconds(), p.maxConcurrency(), p.functionTimeoutSeconds(),
                    p.visibilityTimeoutSeconds()));
        }
        for (int i = 0; i < service.endpoints().size(); i++) {
            for (String warning : plan.endpoints().get(i).warnings()) {
                lines.add("Warning: " + (service.single() ? "" : "POST " + service.endpoints().get(i).path() + ": ") + warning);
            }
        }
        if (folder) {
            lines.add("Next: cd " + where + " && " + (service.iac() == Answers.Iac.SAM
                    ? "mvn verify && sam deploy --guided"
                    : "mvn verify && npx cdk bootstrap && npx cdk deploy"));
        }
        return lines;
    }
}
