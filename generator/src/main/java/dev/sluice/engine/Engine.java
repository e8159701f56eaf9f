package dev.sluice.engine;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.plan.ServicePlan;
import dev.sluice.render.ServiceModels;
import dev.sluice.plan.Plan;
import dev.sluice.plan.Planner;
import dev.sluice.render.GeneratedProject;
import dev.sluice.render.ProjectRenderer;
import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.io.InputStream;
import java.util.Properties;

/**
 * The one engine behind every way in (CLI, archetype, tests): answers → validated answers → plan →
 * rendered files. Writing them out is the caller's edge ({@link dev.sluice.output.ProjectWriter}).
 */
public final class Engine {
    private final ProjectRenderer renderer = new ProjectRenderer();

    private static final String VERSION = readVersion();

    /** Sluice's version, from the build (generator/src/main/resources-filtered). */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Engine.class.getResourceAsStream("/dev/sluice/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the build did not write dev/sluice/version.properties", e);
        }
    }

    public Answers validate(RawAnswers raw) {
        return AnswersValidator.validate(raw);
    }

    public Plan plan(Answers answers) {
        return Planner.plan(answers);
    }

    public GeneratedProject render(Answers answers, Plan plan) {
        return render(Service.of(answers), new ServicePlan(List.of(plan)));
    }

    /** A service: the answers alone (one endpoint), or their list of endpoints. */
    public Service validateService(RawAnswers raw) {
        return AnswersValidator.validateService(raw);
    }

    /** Each endpoint planned from its own answers. */
    public ServicePlan plan(Service service) {
        return new ServicePlan(service.endpoints().stream().map(Planner::plan).toList());
    }

    /** The service's files, and the record of the answers they were generated from ({@link AnswersRecord}). */
    public GeneratedProject render(Service service, ServicePlan plan) {
        GeneratedProject project = renderer.render(ServiceModels.of(service, plan, version()));
        List<GeneratedFile> files = new ArrayList<>(project.files());
        files.addAll(AnswersRecord.files(service, version()));
        return new GeneratedProject(project.name(), files);
    }

    public GeneratedProject generate(RawAnswers raw) {
        Service service = validateService(raw);
        return render(service, plan(service));
    }
}
