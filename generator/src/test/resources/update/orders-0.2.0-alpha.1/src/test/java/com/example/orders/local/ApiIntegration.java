package com.example.orders.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API's SQS integration as pipeline.json states it, which the infrastructure tests hold to the deployed one: the
 * request templates by content type and the integration responses, parsed once and run by {@link MappingTemplate}.
 */
public final class ApiIntegration {
    /** API Gateway's answer when no integration response matches and there is no default one. */
    static final String INTERNAL_SERVER_ERROR = "{\"message\": \"Internal server error\"}";
    /** The content type API Gateway assumes for a request without one. */
    private static final String DEFAULT_CONTENT_TYPE = "application/json";

    /** What the client gets: the status, the headers a template set, and the body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private record Selection(Pattern pattern, int statusCode, MappingTemplate template) {}

    private final Map<String, MappingTemplate> requestTemplates = new LinkedHashMap<>();
    private final List<Selection> responses;
    private final Selection defaultResponse;

    public ApiIntegration(PipelineSettings.Integration integration) {
        if (!integration.passthroughBehavior().equals("NEVER")) {
            throw new IllegalArgumentException("the local API passes no request through untransformed; pipeline.json's"
                    + " passthroughBehavior is " + integration.passthroughBehavior());
        }
        integration.requestTemplates().forEach((contentType, template) -> requestTemplates.put(
                contentType.toLowerCase(Locale.ROOT), MappingTemplate.parse("the request template for " + contentType, template)));
        responses = integration.responses().stream()
                .filter(response -> !response.selectionPattern().isEmpty())
                .map(response -> new Selection(Pattern.compile(response.selectionPattern()), response.statusCode(),
                        template(response)))
                .toList();
        defaultResponse = integration.responses().stream()
                .filter(response -> response.selectionPattern().isEmpty())
                .map(response -> new Selection(null, response.statusCode(), template(response)))
                .findFirst()
                .orElse(null);
    }

    private static MappingTemplate template(PipelineSettings.Response response) {
        String pattern = response.selectionPattern().isEmpty() ? "the default" : "'" + response.selectionPattern() + "'";
        return MappingTemplate.parse("the response template of " + pattern + " (" + response.statusCode() + ")",
                response.template());
    }

    /**
     * The request template for a request's Content-Type header (its media type, parameters such as charset aside;
     * none is application/json, as API Gateway assumes), or null if there is none: API Gateway then answers 415.
     */
    public MappingTemplate requestTemplate(String contentType) {
        String mediaType = contentType == null
                ? DEFAULT_CONTENT_TYPE
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return requestTemplates.get(mediaType);
    }

    /**
     * The client's answer to what SQS answered: the integration response whose selection pattern matches SQS's
     * status (a regular expression over the whole status code; the default one if none does), its template run over
     * SQS's body, then the {@code $context.responseOverride} the template set applied.
     */
    public Answer respond(LocalSqs.Answer sqs, MappingTemplate.Context context) {
        String status = Integer.toString(sqs.status());
        Selection selected = responses.stream()
                .filter(response -> response.pattern().matcher(status).matches())
                .findFirst()
                .orElse(defaultResponse);
        if (selected == null) {
            return new Answer(500, Map.of(), INTERNAL_SERVER_ERROR);
        }
        String body = selected.template().render(MappingTemplate.Input.of(sqs.json()), context);
        Integer override = context.responseOverrideStatus();
        return new Answer(override != null ? override : selected.statusCode(), context.responseOverrideHeaders(), body);
    }
}
