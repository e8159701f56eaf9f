package dev.sluice.serve;

import dev.sluice.engine.Engine;

/** {@code GET /}: what curl users read, as start.spring.io prints for curl. */
final class Usage {
    private Usage() {}

    static String text(String base) {
        return """
                Sluice %s: queue-buffered serverless APIs on AWS (API Gateway → SQS → Java Lambda), every setting derived.

                  GET  %s/metadata          the questions, their defaults, choices and limits (JSON)
                  POST %s/plan              answers (JSON or YAML) → the plan, as `sluice plan --json` prints it
                  GET  %s/starter.zip       answers as parameters named as the answers file's keys → the project
                  POST %s/starter.tgz       the same as a tar.gz; the answers as a form or a JSON/YAML document

                Examples:
                  curl %s/starter.zip -d name=orders-api -d peakRps=200 -d fields=id:uuid,amount:number -o orders-api.zip
                  curl %s/plan -H 'Content-Type: application/json' -d '{"peakRps": 200, "maxDelay": "1m"}'
                  curl %s/starter.tgz --data-binary @service.answers.yaml -H 'Content-Type: application/yaml' | tar xz

                A schema or an example is the document itself (schema={...}), never a path. Bad answers: 400 with the
                CLI's one-line message (application/problem+json).
                """.formatted(Engine.version(), base, base, base, base, base, base, base);
    }
}
