package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.engine.Engine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A service's endpoints run one jar, target/function.jar: their functions agree on CodeUri (sam deploy uploads the jar
 * once), Metadata (SkipBuild: sam build leaves the jar Maven built and tested), runtime and architecture. When sam build
 * still ran Maven, a Metadata of their own made it build the jar once per endpoint (orders-service: 155 s, not 30 s).
 */
class SamServiceBuildTest {
    @Test
    void everyEndpointsFunctionSharesOneBuild() {
        String template = new Engine().generate(Repository.read(Repository.samples().resolve("orders-service.answers.yaml")))
                .file("template.yaml").orElseThrow().text();
        List<Map<?, ?>> functions = ((Map<?, ?>) DeployableTemplates.load(template).get("Resources")).values().stream()
                .<Map<?, ?>>map(r -> (Map<?, ?>) r).filter(r -> "AWS::Serverless::Function".equals(r.get("Type"))).toList();
        assertEquals(3, functions.size());
        assertEquals(1, distinct(functions, r -> r.get("Metadata")).size(), "one Metadata");
        assertEquals(1, distinct(functions, r -> ((Map<?, ?>) r.get("Properties")).get("CodeUri")).size(), "one CodeUri");
        assertEquals(1, distinct(functions, r -> ((Map<?, ?>) r.get("Properties")).get("Runtime")).size(), "one runtime");
        assertEquals(1, distinct(functions, r -> ((Map<?, ?>) r.get("Properties")).get("Architectures")).size(), "one architecture");
        // What does differ: each its handler.
        assertEquals(3, distinct(functions, r -> ((Map<?, ?>) r.get("Properties")).get("Handler")).size());
    }

    private static Set<Object> distinct(List<Map<?, ?>> functions, java.util.function.Function<Map<?, ?>, Object> key) {
        return functions.stream().map(key).collect(Collectors.toSet());
    }
}
