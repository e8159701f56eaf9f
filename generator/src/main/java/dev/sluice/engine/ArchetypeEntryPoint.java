package dev.sluice.engine;

import dev.sluice.answers.Service;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.output.ProjectWriter;
import dev.sluice.plan.ServicePlan;
import dev.sluice.render.GeneratedProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The Maven archetype's way in: {@code archetype/src/main/resources/META-INF/archetype-post-generate.groovy}
 * hands the archetype's properties to {@link #generate(Properties, String)}, which runs the same engine and
 * writer as {@code sluice new}. Its signature has JDK types only: the script loads this class from the
 * archetype jar through the thread context class loader and needs nothing of Sluice on its own class path.
 *
 * <p>The properties are the questions' answers-file keys ({@code iac}, {@code maxDelay}, …), with the
 * project name as Maven's {@code artifactId}. A Maven archetype needs a default for every property, so
 * optional answers have a word that means "not given": {@value #NONE} for {@code schema} and
 * {@code example}, {@value #AUTO} for the derived {@code processingMsWorst} and {@code batchingWindow}
 * ({@code groups} and {@code downstreamLimit} take {@code none} as the CLI does).
 *
 * <p>The archetype's default {@code package} is {@code groupId.artifactIdWithoutDashes}, all it can derive
 * with Velocity. A package of exactly that form is left to the engine, which derives the same package
 * and also steers clear of Java keywords ({@code artifactId=class} gets {@code com.example.classapp}), so
 * the archetype's defaults are the CLI's.
 */
public final class ArchetypeEntryPoint {
    /** The project name is Maven's own {@code artifactId} property; every other question keeps its key. */
    static final String NAME_PROPERTY = "artifactId";
    static final String NONE = "none";
    static final String AUTO = "auto";

    private static final Set<Question> PATHS = Set.of(Question.SCHEMA, Question.EXAMPLE);
    private static final Set<Question> NONE_MEANS_NOT_GIVEN = PATHS;
    private static final Set<Question> AUTO_MEANS_DERIVED = Set.of(Question.PROCESSING_MS_WORST, Question.BATCHING_WINDOW);

    private ArchetypeEntryPoint() {}

    /**
     * Renders the project the properties describe into {@code projectDirectory}, which must be new or empty.
     *
     * @return what {@code sluice new} prints for the same answers, one line per line
     * @throws IllegalArgumentException for a bad answer: the message is the line the CLI prints for it
     */
    public static String generate(Properties properties, String projectDirectory) {
        try {
            Path cwd = Path.of("").toAbsolutePath();
            return String.join(System.lineSeparator(), generate(properties, cwd.resolve(projectDirectory), cwd));
        } catch (InvalidAnswerException e) {
            throw new IllegalArgumentException("sluice: " + e.getMessage());
        }
    }

    /** As {@link #generate(Properties, String)}, on any file system; relative schema and example paths resolve against {@code cwd}. */
    static List<String> generate(Map<?, ?> properties, Path projectDirectory, Path cwd) {
        Engine engine = new Engine();
        Service service = engine.validateService(answers(properties, cwd));
        ServicePlan plan = engine.plan(service);
        GeneratedProject project = engine.render(service, plan);
        Path target = projectDirectory.toAbsolutePath().normalize();
        ProjectWriter.writeFolder(project, target, false, NAME_PROPERTY,
                "the name of a folder that is new or empty where the archetype runs");
        Path base = cwd.toAbsolutePath().normalize();
        String where = (target.startsWith(base) && !target.equals(base) ? base.relativize(target) : target) + "/";
        return GenerationSummary.lines(service, plan, project, where, true);
    }

    /**
     * The archetype's property naming an answers file (relative to where Maven runs), {@value #NONE} for none: the way to
     * a service of several endpoints, as {@code sluice new --answers FILE}. Beside it, a property counts only if it is
     * not the descriptor's default (which every property has), the artifactId always.
     */
    static final String ANSWERS_PROPERTY = "answers";

    /** The archetype's properties as the answers the CLI's flags (and its {@code --answers} file) would give. */
    static RawAnswers answers(Map<?, ?> properties, Path cwd) {
        Object file = properties.get(ANSWERS_PROPERTY);
        RawAnswers given = given(properties, cwd);
        if (file == null || file.toString().isBlank() || file.toString().trim().equals(NONE)) {
            return given;
        }
        RawAnswers beside = RawAnswers.empty();
        for (Map.Entry<Question, Object> entry : given.asMap().entrySet()) {
            Question question = entry.getKey();
            String value = entry.getValue().toString().trim();
            boolean descriptorDefault = question.defaultValue().map(value::equals).orElse(value.equals(NONE) || value.equals(AUTO));
            if (question == Question.NAME || !descriptorDefault) {
                beside = beside.with(question, entry.getValue());
            }
        }
        return AnswersFile.read(cwd.resolve(file.toString().trim()).normalize())
                .overriddenByGiven(beside, ANSWERS_PROPERTY + "=" + file.toString().trim());
    }

    private static RawAnswers given(Map<?, ?> properties, Path cwd) {
        RawAnswers answers = RawAnswers.empty();
        for (Question question : Question.values()) {
            Object value = properties.get(question == Question.NAME ? NAME_PROPERTY : question.key());
            if (value == null || notGiven(question, value.toString())) {
                continue;
            }
            String text = value.toString();
            answers = answers.with(question, PATHS.contains(question) ? cwd.resolve(text).normalize() : text);
        }
        if (answers.get(Question.PACKAGE).map(Object::toString).equals(velocityDefaultPackage(properties))) {
            answers = answers.with(Question.PACKAGE, null);
        }
        // The fields always have a value (their default); a schema or an example given instead replaces it.
        boolean otherForm = answers.has(Question.SCHEMA) || answers.has(Question.EXAMPLE);
        if (otherForm && answers.get(Question.FIELDS).map(Object::toString).equals(Question.FIELDS.defaultValue())) {
            answers = answers.with(Question.FIELDS, null);
        }
        return answers;
    }

    /** The descriptor's {@code ${groupId.toLowerCase()}.${artifactId.replace("-", "")}}, if both are given. */
    private static Optional<String> velocityDefaultPackage(Map<?, ?> properties) {
        Object groupId = properties.get(Question.GROUP_ID.key());
        Object artifactId = properties.get(NAME_PROPERTY);
        if (groupId == null || artifactId == null) {
            return Optional.empty();
        }
        return Optional.of(groupId.toString().toLowerCase(Locale.ROOT) + "." + artifactId.toString().replace("-", ""));
    }

    private static boolean notGiven(Question question, String value) {
        String word = value.trim();
        if (word.isEmpty()) {
            return true;
        }
        return NONE_MEANS_NOT_GIVEN.contains(question) && word.equals(NONE)
                || AUTO_MEANS_DERIVED.contains(question) && word.equals(AUTO);
    }
}
