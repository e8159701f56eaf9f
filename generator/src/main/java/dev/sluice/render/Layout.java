package dev.sluice.render;

import dev.sluice.answers.Answers;
import java.util.ArrayList;
import java.util.List;

/**
 * Which template renders to which file, per infrastructure form. Output paths are Pebble
 * templates themselves, rendered with the same {@link ProjectModel}; a per-type entry renders once
 * per payload type with {@code type} bound to it.
 */
public final class Layout {
    private Layout() {}

    /** One template and where it goes. {@code forEachType}: once per payload type, filtered by kind. */
    public record Entry(String template, String output, PerType perType, boolean executable) {
        static Entry of(String template, String output) {
            return new Entry(template, output, PerType.NONE, false);
        }
    }

    public enum PerType { NONE, RECORDS, ENUMS }

    private static final String MAIN = "src/main/java/{{ project.packagePath }}/";
    private static final String TEST = "src/test/java/{{ project.packagePath }}/";

    public static List<Entry> entries(Answers.Iac iac) {
        List<Entry> entries = new ArrayList<>(consumer());
        if (iac == Answers.Iac.SAM) {
            entries.addAll(sam());
        }
        return entries;
    }

    /** The Java consumer, the same in every form. */
    static List<Entry> consumer() {
        return List.of(
                Entry.of("consumer/gitignore.peb", ".gitignore"),
                Entry.of("consumer/pom.xml.peb", "pom.xml"),
                Entry.of("consumer/Handler.java.peb", MAIN + "{{ names.handler }}.java"),
                Entry.of("consumer/Processor.java.peb", MAIN + "{{ names.processor }}.java"),
                new Entry("consumer/Record.java.peb", MAIN + "model/{{ type.name }}.java", PerType.RECORDS, false),
                new Entry("consumer/Enum.java.peb", MAIN + "model/{{ type.name }}.java", PerType.ENUMS, false),
                Entry.of("consumer/log4j2.xml.peb", "src/main/resources/log4j2.xml"),
                Entry.of("consumer/HandlerTest.java.peb", TEST + "{{ names.handler }}Test.java"),
                Entry.of("consumer/PayloadParsingTest.java.peb", TEST + "model/PayloadParsingTest.java"),
                Entry.of("consumer/request.json.peb", "events/request.json"),
                Entry.of("consumer/sqs-event.json.peb", "events/sqs-event.json"),
                Entry.of("consumer/sqs-event-poison.json.peb", "events/sqs-event-poison.json"),
                Entry.of("consumer/request-model.json.peb", "src/main/resources/request-model.json"));
    }

    /** The AWS SAM form. */
    static List<Entry> sam() {
        return List.of(
                Entry.of("sam/template.yaml.peb", "template.yaml"),
                Entry.of("sam/samconfig.toml.peb", "samconfig.toml"),
                Entry.of("sam/TemplateTest.java.peb", "src/test/java/{{ project.packagePath }}/infra/TemplateTest.java"),
                Entry.of("sam/README.md.peb", "README.md"));
    }
}
