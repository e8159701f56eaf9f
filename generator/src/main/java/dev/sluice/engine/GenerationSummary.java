package dev.sluice.engine;

import dev.sluice.answers.Answers;
import dev.sluice.plan.Plan;
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
    public static List<String> lines(Answers answers, Plan plan, GeneratedProject project, String where, boolean folder) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Created %s: a %s project for POST %s (%d files).", where,
                answers.iac().id().toUpperCase(Locale.ROOT), answers.path(), project.files().size()));
        lines.add(String.format(Locale.ROOT, "  batch %d, window %d s, max concurrency %d, timeout %d s, visibility %d s",
                plan.batchSize(), plan.batchingWindowSeconds(), plan.maxConcurrency(), plan.functionTimeoutSeconds(),
                plan.visibilityTimeoutSeconds()));
        for (String warning : plan.warnings()) {
            lines.add("Warning: " + warning);
        }
        if (folder) {
            lines.add("Next: cd " + where + " && " + (answers.iac() == Answers.Iac.SAM
                    ? "mvn verify && sam build && sam deploy --guided"
                    : "mvn verify && npx cdk bootstrap && npx cdk deploy"));
        }
        return lines;
    }
}
