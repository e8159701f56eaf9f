package com.example.orders.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * A mapping template of an API Gateway REST API, run as API Gateway runs one: Apache Velocity (VTL) with the
 * variables AWS documents for REST API mapping templates.
 * <ul>
 *   <li>{@code $input}: {@code body} (the payload as it came), {@code json(x)} (the JSONPath expression's result as
 *       JSON text), {@code path(x)} (the result as a value the template can use: a string without quotes, a number,
 *       a boolean, an object or array that prints as JSON), {@code params()} (path, query string and header
 *       parameters) and {@code params(x)} (one of them, by name). JSONPath is Jayway's, the implementation AWS points
 *       to, bracket notation included: {@code $input.path("$['order id']")}.</li>
 *   <li>{@code $util}: {@code escapeJavaScript}, {@code parseJson}, {@code urlEncode}, {@code urlDecode},
 *       {@code base64Encode}, {@code base64Decode}.</li>
 *   <li>{@code $context}: what {@link Context} holds; a response template may set
 *       {@code $context.responseOverride.status} and {@code $context.responseOverride.header.<name>}.</li>
 * </ul>
 * A reference with no value prints as nothing, as in API Gateway (Velocity alone would print the reference's
 * text). Velocity runs with its 1.7-compatible settings: API Gateway does not name its Velocity version, and its
 * documented examples are 1.7's. A template is parsed once and may be rendered from many threads at once.
 */
public final class MappingTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSONPath over Jackson trees; a path that leads nowhere gives null, as in API Gateway, not an exception. */
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final Map<String, JsonPath> COMPILED_PATHS = new ConcurrentHashMap<>();
    private static final RuntimeInstance VELOCITY = velocity();
    private static final Util UTIL = new Util();

    private final String name;
    private final Template template;

    private MappingTemplate(String name, Template template) {
        this.name = name;
        this.template = template;
    }

    /**
     * Parses a template.
     *
     * @param name what the template is, for error messages (e.g. "the request template")
     * @throws IllegalArgumentException if it is not valid VTL
     */
    public static MappingTemplate parse(String name, String text) {
        Template template = new Template();
        template.setName(name);
        template.setRuntimeServices(VELOCITY);
        try {
            template.setData(VELOCITY.parse(new StringReader(text), template));
        } catch (ParseException e) {
            throw new IllegalArgumentException(name + " is not valid VTL: " + e.getMessage(), e);
        }
        template.initDocument();
        return new MappingTemplate(name, template);
    }

    /** The template's output for this payload and context; it may set the context's response override. */
    public String render(Input input, Context context) {
        VelocityContext variables = new VelocityContext();
        variables.put("input", input);
        variables.put("util", UTIL);
        variables.put("context", context.variables);
        EventCartridge events = new EventCartridge();
        events.addEventHandler((ReferenceInsertionEventHandler) (ignored, reference, value) -> value == null ? "" : value);
        events.attachToContext(variables);
        StringWriter out = new StringWriter();
        template.merge(variables, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    private static RuntimeInstance velocity() {
        Properties settings = new Properties();
        // Velocity 2's settings for 1.7's behaviour (its upgrade guide): whitespace kept as 1.7 kept it, #if false
        // only for null and false, method arguments not converted between types, macros as in 1.7.
        settings.setProperty("parser.space_gobbling", "bc");
        settings.setProperty("directive.if.empty_check", "false");
        settings.setProperty("introspector.conversion_handler.class", "none");
        settings.setProperty("velocimacro.enable_bc_mode", "true");
        // A reference with no value is normal here (it prints as nothing), not worth a log line per request.
        settings.setProperty("runtime.log.log_invalid_references", "false");
        RuntimeInstance velocity = new RuntimeInstance();
        velocity.init(settings);
        return velocity;
    }

    /** {@code $input}: the payload (the request's, or the integration's answer) and the request's parameters. */
    public static final class Input {
        private final String body;
        private final Map<String, Map<String, String>> params;
        private volatile DocumentContext document;

        /**
         * @param body   the payload as it came
         * @param parsed the payload already parsed, or null to parse it when a template asks
         * @param params the path, querystring and header parameters, each by name
         */
        public Input(String body, JsonNode parsed, Map<String, Map<String, String>> params) {
            this.body = body;
            this.params = params;
            if (parsed != null) {
                this.document = JsonPath.using(JSON_PATH).parse(parsed);
            }
        }

        /** A payload with no parameters: an integration's answer. */
        public static Input of(String body) {
            return new Input(body, null, Map.of("path", Map.of(), "querystring", Map.of(), "header", Map.of()));
        }

        /** {@code $input.body}: the payload as a string. */
        public String getBody() {
            return body;
        }

        /** {@code $input.json(x)}: the result of the JSONPath expression as JSON text; nothing if there is none. */
        public String json(String path) {
            Object result = read(path);
            if (result == null) {
                return null;
            }
            try {
                return JSON.writeValueAsString(result);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * {@code $input.path(x)}: the result of the JSONPath expression as a value: a string (no quotes), a number, a
         * boolean, an object (a map) or an array (a list) that print as JSON; null if there is none.
         */
        public Object path(String path) {
            return value(read(path));
        }

        /** {@code $input.params()}: every parameter, by location (path, querystring, header) and name. */
        public Map<String, Map<String, String>> params() {
            return params;
        }

        /** {@code $input.params(x)}: the parameter of that name from the path, query string or headers, in that order. */
        public String params(String name) {
            for (String location : new String[] {"path", "querystring", "header"}) {
                String value = params.getOrDefault(location, Map.of()).get(name);
                if (value != null) {
                    return value;
                }
            }
            return "";
        }

        private Object read(String path) {
            DocumentContext parsed = document;
            if (parsed == null) {
                JsonNode tree;
                try {
                    tree = JSON.readTree(body);
                } catch (JsonProcessingException e) {
                    // Not JSON: the document is the text itself ($input.path('$') gives it back).
                    tree = TextNode.valueOf(body);
                }
                parsed = JsonPath.using(JSON_PATH).parse(tree == null || tree.isMissingNode() ? TextNode.valueOf(body) : tree);
                document = parsed;
            }
            return parsed.read(COMPILED_PATHS.computeIfAbsent(path, JsonPath::compile));
        }
    }

    /**
     * {@code $context}: the request's context as API Gateway gives it to templates, as nested maps (a template reads
     * {@code $context.identity.sourceIp}, sets {@code $context.responseOverride.status}).
     */
    public static final class Context {
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private final Map<String, Object> responseOverride = new LinkedHashMap<>();
        private final Map<String, Object> responseHeaders = new LinkedHashMap<>();

        /**
         * @param requestId    {@code $context.requestId} (and {@code extendedRequestId})
         * @param httpMethod   {@code $context.httpMethod}
         * @param resourcePath {@code $context.resourcePath}
         * @param sourceIp     {@code $context.identity.sourceIp}
         * @param userAgent    {@code $context.identity.userAgent}, null if the request had none
         */
        public Context(String requestId, String httpMethod, String resourcePath, String sourceIp, String userAgent) {
            long now = System.currentTimeMillis();
            variables.put("requestId", requestId);
            variables.put("extendedRequestId", requestId);
            variables.put("httpMethod", httpMethod);
            variables.put("resourcePath", resourcePath);
            variables.put("requestTimeEpoch", now);
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("sourceIp", sourceIp);
            identity.put("userAgent", userAgent);
            variables.put("identity", identity);
            responseOverride.put("header", responseHeaders);
            variables.put("responseOverride", responseOverride);
        }

        /** {@code $context.requestId}. */
        public String requestId() {
            return (String) variables.get("requestId");
        }

        /**
         * Sets {@code $context.error.*}, which a gateway response's template reads: the message, its quoted form, the
         * gateway response's type and the validation errors.
         */
        public Context error(String responseType, String message, String validationErrorString) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("messageString", "\"" + message + "\"");
            error.put("responseType", responseType);
            error.put("validationErrorString", validationErrorString);
            variables.put("error", error);
            return this;
        }

        /** The value at a dot path ({@code error.message}), or null if there is none. */
        public Object get(String dotPath) {
            Object value = variables;
            for (String name : dotPath.split("\\.")) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(name);
            }
            return value;
        }

        /** {@code $context.responseOverride.status} as a template set it, if it did. */
        public Integer responseOverrideStatus() {
            Object status = responseOverride.get("status");
            return status == null ? null : Integer.valueOf(status.toString().strip());
        }

        /** {@code $context.responseOverride.header.*} as a template set them. */
        public Map<String, String> responseOverrideHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            responseHeaders.forEach((name, value) -> headers.put(name, String.valueOf(value)));
            return headers;
        }
    }

    /** {@code $util}. Text is UTF-8, as AWS documents. */
    public static final class Util {
        /**
         * Escapes a string by JavaScript's rules: quotes (single ones too, which JSON does not allow escaped), the
         * backslash, the slash, control characters, and every character beyond ASCII as a \\u escape.
         */
        public String escapeJavaScript(String text) {
            if (text == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\'' -> out.append("\\'");
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '/' -> out.append("\\/");
                    case '\b' -> out.append("\\b");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        /** Parses JSON text into a value a template can use, as {@link Input#path} gives it. */
        public Object parseJson(String json) {
            try {
                return value(JSON.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("$util.parseJson: not JSON: " + e.getOriginalMessage(), e);
            }
        }

        /** Encodes a string as application/x-www-form-urlencoded does (a space is +). */
        public String urlEncode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        public String urlDecode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }

        public String base64Encode(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        public String base64Decode(String text) {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
    }

    /** A JSONPath result or a Jackson tree as a template value: objects and arrays print as JSON. */
    private static Object value(Object result) {
        if (!(result instanceof JsonNode node)) {
            return result;
        }
        if (node.isObject()) {
            JsonObject object = new JsonObject();
            node.properties().forEach(entry -> object.put(entry.getKey(), value(entry.getValue())));
            return object;
        }
        if (node.isArray()) {
            JsonArray array = new JsonArray();
            node.forEach(item -> array.add(value(item)));
            return array;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object in a template: a map, which prints as JSON. */
    private static final class JsonObject extends LinkedHashMap<String, Object> {
        @Override
        public String toString() {
            return toJson(this);
        }
    }

    /** A JSON array in a template: a list, which prints as JSON. */
    private static final class JsonArray extends ArrayList<Object> {
        @Override
        public String toString() {
            return toJson(this);
        }
    }
}
