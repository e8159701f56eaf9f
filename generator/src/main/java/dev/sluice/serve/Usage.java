package dev.sluice.serve;

import dev.sluice.engine.Engine;

/** {@code GET /} for curl and anything else not asking for HTML: what the server does, as start.spring.io prints it. */
final class Usage {
    private Usage() {}

    static String text(String base) {
        return """
                Sluice %1$s: queue-buffered serverless APIs on AWS (API Gateway → SQS → Java Lambda), every setting derived.
                A browser at %2$s/ gets the page: the questions, the plan drawn live, Explore, Download, Share.

                  GET  %2$s/metadata          the questions, their defaults, choices and limits (JSON)
                  POST %2$s/plan              answers → the plan, as `sluice plan --json` prints it
                  POST %2$s/chart.svg         answers → the capacity chart, as `sluice plan --chart` draws it
                  POST %2$s/answers.yaml      answers → one answers file for `sluice new --answers`, defaults written out
                  POST %2$s/explore           answers → every file of the project (JSON: path, size, text)
                  GET  %2$s/starter.zip       answers → the project, as `sluice new --output NAME.zip` writes it
                  GET  %2$s/starter.tgz       the same as a tar.gz

                Answers: parameters named as the answers file's keys (query or form; a service's endpoints as
                endpoints[1].path=/orders&endpoints[2].path=/refunds ...), or a JSON/YAML answers document as the body.
                Each route that takes answers takes them in a GET's query or a POST's body.

                Examples:
                  curl %2$s/starter.zip -d name=orders-api -d peakRps=200 -d fields=id:uuid,amount:number -o orders-api.zip
                  curl %2$s/plan -H 'Content-Type: application/json' -d '{"peakRps": 200, "maxDelay": "1m"}'
                  curl %2$s/starter.tgz --data-binary @service.answers.yaml -H 'Content-Type: application/yaml' | tar xz

                A schema or an example is the document itself (schema={...}), never a path; an empty parameter leaves
                the default. Bad answers: 400 with the CLI's one-line message (application/problem+json), naming the
                question and the endpoint in the members question and endpoint.
                """.formatted(Engine.version(), base);
    }
}
