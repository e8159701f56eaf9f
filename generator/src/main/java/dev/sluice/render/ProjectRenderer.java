package dev.sluice.render;

import dev.sluice.payload.JavaType;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link ProjectModel} through the templates of {@link Layout}. Pure: no file is touched. */
public final class ProjectRenderer {
    private final PebbleEngine files;
    private final PebbleEngine paths;

    public ProjectRenderer() {
        ClasspathLoader loader = new ClasspathLoader(ProjectRenderer.class.getClassLoader());
        loader.setPrefix("templates");
        this.files = new PebbleEngine.Builder()
                .loader(loader)
                .strictVariables(true)
                .autoEscaping(false)
                // Line breaks are kept as written; a template trims them with whitespace control ({%- and -%}).
                .newLineTrimming(false)
                .cacheActive(true)
                .extension(new TemplateFilters())
                .build();
        this.paths = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .strictVariables(true)
                .autoEscaping(false)
                .build();
    }

    /** A one-endpoint project, as its endpoint's model describes it. */
    public GeneratedProject render(ProjectModel model) {
        return render(new ServiceModel(model.project(), true, List.of(model), ServiceModels.api(List.of(model)),
                ServiceModels.observability(model.project().name(), List.of(model)), model.localTests(), model.sluiceVersion()));
    }

    public GeneratedProject render(ServiceModel service) {
        List<Job> jobs = new ArrayList<>();
        for (Layout.Entry entry : Layout.entries(service.endpoints().get(0).answers().iac())) {
            // A service's file, rendered once, exists when one of the endpoints at least needs it; an endpoint's, for each that does.
            List<ProjectModel> models = entry.scope() == Layout.Scope.SERVICE
                    ? service.endpoints().stream().anyMatch(entry.when()) ? List.of(service.endpoints().get(0)) : List.of()
                    : service.endpoints().stream().filter(entry.when()).toList();
            for (ProjectModel model : models) {
                switch (entry.perType()) {
                    case NONE -> jobs.add(new Job(entry, model, null));
                    case RECORDS, ENUMS -> {
                        for (JavaType type : model.payload().types()) {
                            if (type.isRecord() == (entry.perType() == Layout.PerType.RECORDS)) {
                                jobs.add(new Job(entry, model, type));
                            }
                        }
                    }
                }
            }
        }
        // Files are independent: render them on every core (a cold JVM spends most of a run compiling
        // templates). The list keeps the layout's order, so the output does not depend on scheduling.
        List<GeneratedFile> out = jobs.parallelStream().map(job -> renderOne(job.entry(), service, job.model(), job.type())).toList();
        return new GeneratedProject(service.project().name(), out);
    }

    private record Job(Layout.Entry entry, ProjectModel model, JavaType type) {}

    /**
     * A file's context: the service's (every template) and one endpoint's: its own for an endpoint's file; for a
     * service's file, the first endpoint's, which a one-endpoint service's templates read as the endpoint.
     */
    private GeneratedFile renderOne(Layout.Entry entry, ServiceModel service, ProjectModel model, JavaType type) {
        Map<String, Object> context = new HashMap<>();
        context.put("service", service);
        context.put("endpoints", service.endpoints());
        context.put("project", service.project());
        context.put("localTests", service.localTests());
        context.put("sluiceVersion", service.sluiceVersion());
        context.put("endpoint", model.endpoint());
        context.put("answers", model.answers());
        context.put("api", model.api());
        context.put("payload", model.payload());
        context.put("names", model.names());
        context.put("plan", model.plan());
        context.put("consistency", model.consistency());
        context.put("variations", model.variations());
        context.put("durations", model.durations());
        context.put("redrive", model.redrive());
        context.put("capacityChartSvg", model.capacityChartSvg());
        if (type != null) {
            context.put("type", type);
        }
        String path = evaluate(paths.getTemplate(entry.output()), context, entry.output());
        String content = evaluate(files.getTemplate(entry.template()), context, entry.template());
        GeneratedFile file = GeneratedFile.text(path, content);
        return entry.executable() ? new GeneratedFile(file.path(), file.content(), true) : file;
    }

    private static String evaluate(PebbleTemplate template, Map<String, Object> context, String name) {
        StringWriter writer = new StringWriter();
        try {
            template.evaluate(writer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PebbleException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        }
        return writer.toString();
    }
}
