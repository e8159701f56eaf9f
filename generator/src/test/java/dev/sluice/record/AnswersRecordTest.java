package dev.sluice.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnswersRecordTest {
    private static Service service(int peakRps) {
        return AnswersValidator.validateService(RawAnswers.empty().with(Question.NAME, "shop-" + peakRps)
                .with(Question.PEAK_RPS, Integer.toString(peakRps)));
    }

    /** sluice serve renders records on many threads at once: each must be its own answers, as rendered alone. */
    @Test
    void recordsRenderedAtOnceAreEachTheirOwn() throws Exception {
        List<Service> services = IntStream.rangeClosed(1, 8).mapToObj(i -> service(50 * i)).toList();
        List<String> alone = services.stream().map(s -> AnswersRecord.files(s, "1.0.0").get(0).text()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (Service s : services) {
                results.add(pool.submit(() -> IntStream.range(0, 300).mapToObj(i -> AnswersRecord.files(s, "1.0.0").get(0).text()).toList()));
            }
            for (int i = 0; i < services.size(); i++) {
                for (String text : results.get(i).get()) {
                    assertEquals(alone.get(i), text);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
