package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Smooth weighted round-robin over real backends. */
@Timeout(60)
class WeightedRoundRobinE2ETest {
    @TempDir
    Path dir;

    @Test
    void weightsThreeAndOneGiveSixAndTwoOfEightSpreadSmoothly() throws Exception {
        try (Backend heavy = Backend.named("heavy"); Backend light = Backend.named("light")) {
            String dynamic = "http:\n"
                    + "  routers:\n"
                    + "    all:\n"
                    + "      rule: \"PathPrefix(`/`)\"\n"
                    + "      service: pair\n"
                    + "  services:\n"
                    + "    pair:\n"
                    + "      loadBalancer:\n"
                    + "        servers:\n"
                    + "        - url: " + heavy.url() + "\n"
                    + "          weight: 3\n"
                    + "        - url: " + light.url() + "\n"
                    + "          weight: 1\n";
            try (RunningJunction junction = RunningJunction.start(dir, dynamic)) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(junction.uri("/"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode());
                    answers.add(r.body());
                }
                // nginx's smooth WRR with weights 3:1 picks a a b a per cycle: never the light one twice in a row,
                // never the heavy one four times in a row
                assertEquals(List.of("heavy", "heavy", "light", "heavy", "heavy", "heavy", "light", "heavy"), answers);
                assertEquals(6, heavy.hits());
                assertEquals(2, light.hits());
            }
        }
    }
}
