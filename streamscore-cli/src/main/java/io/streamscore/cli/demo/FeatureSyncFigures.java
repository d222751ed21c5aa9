package io.streamscore.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.serving.FeatureLookup;
import io.streamscore.spec.RedisStoreSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What a demo with a feature store adds to its summary: the entities in Redis at the end ({@code entities_in_store},
 * counted with SCAN), with a profile join the profile change records the join consumed ({@code profile_versions})
 * and the events that got a profile ({@code enriched}), both from the join's counters, and one lookup of a stored
 * entity through the serving API, as a user would do it.
 *
 * @param profileJoin whether the spec joins profiles: without, the join's counters are left out, not shown as 0
 * @param exampleEntity an entity found in the store (null when it is empty)
 * @param exampleStatus the serving API's HTTP status for it (0 when not asked)
 * @param exampleBody the serving API's answer for it
 */
public record FeatureSyncFigures(long entitiesInStore, boolean profileJoin, long profileVersions, long enriched,
                                 long withoutProfile, String exampleUrl, String exampleEntity, int exampleStatus,
                                 String exampleBody) {
    static final String ENRICHED_METRIC = "streamscore_joined_enriched_total";
    static final String WITHOUT_PROFILE_METRIC = "streamscore_joined_without_profile_total";
    static final String PROFILE_VERSIONS_METRIC = "streamscore_join_profile_versions_total";

    /** Reads the store, the metrics endpoint and the serving API ({@code servingUrl}: its base, or null). */
    public static FeatureSyncFigures collect(RedisStoreSpec redis, boolean profileJoin, String metricsUrl,
                                             String servingUrl) throws IOException, InterruptedException {
        FeatureLookup.Census census;
        try (FeatureLookup lookup = FeatureLookup.connect(redis, 1)) {
            census = lookup.census();
        }
        List<MetricSample> samples = new MetricsScraper(metricsUrl).scrape();
        String url = servingUrl == null || census.example() == null ? null
                : servingUrl + "/" + URLEncoder.encode(census.example(), StandardCharsets.UTF_8);
        int status = 0;
        String body = null;
        if (url != null) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        }
        return new FeatureSyncFigures(census.entities(), profileJoin, (long) sum(samples, PROFILE_VERSIONS_METRIC),
                (long) sum(samples, ENRICHED_METRIC), (long) sum(samples, WITHOUT_PROFILE_METRIC), url,
                census.example(), status, body);
    }

    private static double sum(List<MetricSample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(MetricSample::value).sum();
    }

    public String statusLine() {
        return String.format("Feature store: %,d entities", entitiesInStore) + (!profileJoin ? ""
                : String.format(" | profile versions %,d | enriched %,d (without profile %,d)", profileVersions,
                        enriched, withoutProfile));
    }

    /**
     * Adds {@code entities_in_store}, with a profile join {@code profile_versions} and {@code enriched}, and the
     * serving check.
     */
    public void addTo(ObjectNode root) {
        root.put("entities_in_store", entitiesInStore);
        if (profileJoin) {
            root.put("profile_versions", profileVersions);
            root.put("enriched", enriched);
            root.put("without_profile", withoutProfile);
        }
        ObjectNode serving = root.putObject("serving_check");
        serving.put("url", exampleUrl);
        serving.put("entity", exampleEntity);
        serving.put("status", exampleStatus);
    }
}
