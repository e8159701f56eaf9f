package dev.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.answers.Answers;
import dev.sluice.answers.Limits;
import dev.sluice.answers.LogRetention;
import dev.sluice.answers.Question;
import dev.sluice.engine.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metadata}: every question as the CLI asks it (its key, flag, prompt, what is accepted, default, scope
 * and choices) and the limits the answers meet, all read from {@link Question} and {@link Limits}, the CLI's source.
 */
final class Metadata {
    private Metadata() {}

    /** The closed choices, where a question has them. */
    static final Map<Question, List<String>> CHOICES = Map.of(
            Question.IAC, Arrays.stream(Answers.Iac.values()).map(Answers.Iac::id).toList(),
            Question.RUNTIME, Arrays.stream(Answers.Runtime.values()).map(Answers.Runtime::id).toList(),
            Question.AUTH, Arrays.stream(Answers.Auth.values()).map(Answers.Auth::id).toList(),
            Question.LOG_RETENTION_DAYS, LogRetention.ACCEPTED_TEXT);

    static String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("sluiceVersion", Engine.version());
        ArrayNode questions = root.putArray("questions");
        for (Question q : Question.values()) {
            ObjectNode node = questions.addObject();
            node.put("key", q.key());
            node.put("flag", q.flag());
            node.put("scope", q.scope().name().toLowerCase(java.util.Locale.ROOT));
            node.put("prompt", q.prompt());
            node.put("accepted", q.accepted());
            q.defaultValue().ifPresentOrElse(d -> node.put("default", d), () -> node.put("defaultInWords", q.defaultInWords()));
            List<String> choices = CHOICES.get(q);
            if (choices != null) {
                choices.forEach(node.putArray("choices")::add);
            }
        }
        ObjectNode limits = root.putObject("limits");
        limits.put("maxEndpoints", Limits.MAX_ENDPOINTS);
        limits.put("maxPayloadKib", Limits.MAX_PAYLOAD_KIB);
        limits.put("maxDelayDays", Limits.MAX_DELAY_DAYS);
        limits.put("maxProcessingMs", Limits.MAX_PROCESSING_MS);
        limits.put("minConcurrency", Limits.MIN_CONCURRENCY);
        limits.put("maxConcurrency", Limits.MAX_CONCURRENCY);
        limits.put("maxGroups", Limits.MAX_GROUPS);
        limits.put("maxPathParameters", Limits.MAX_PATH_PARAMETERS);
        limits.put("apiAccountRateLimit", Limits.API_ACCOUNT_RATE_LIMIT);
        limits.put("maxBatchingWindowSeconds", Limits.MAX_BATCHING_WINDOW_SECONDS);
        limits.put("maxRequestBytes", SluiceServer.MAX_BODY_BYTES);
        return root.toPrettyString() + "\n";
    }
}
