package io.streamscore.cli.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of Flink's REST API (the JobManager's {@code rest.port}) that submitting and stopping a pipeline
 * needs: upload a jar, run it with program arguments (optionally from a savepoint), delete it, read a job's status,
 * its tasks' progress and its newest failure, stop a job with a savepoint, cancel it. Errors carry Flink's own
 * message and its innermost cause.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String CAUSED_BY = "Caused by: ";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code jobManager} is {@code host:port} of the REST endpoint (or a full http(s) URL). */
    public FlinkRestClient(String jobManager) {
        String url = jobManager.contains("://") ? jobManager : "http://" + jobManager;
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** Uploads a job jar; returns the id the cluster gave it. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "streamscore-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode response = send(HttpRequest.newBuilder(base.resolve("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String filename = response.path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /**
     * Runs an uploaded jar's main with the arguments; restores from {@code savepoint} when it is not null, dropping
     * the state of operators the job no longer has only when {@code allowNonRestoredState}.
     */
    public String runJar(String jarId, List<String> programArgs, String savepoint, boolean allowNonRestoredState)
            throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("programArgsList").addAll(programArgs.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
            request.put("allowNonRestoredState", allowNonRestoredState);
        }
        return send(post("jars/" + jarId + "/run", request)).path("jobid").asText();
    }

    /**
     * Deletes an uploaded jar from the JobManager's upload directory. A job that was started from it no longer needs
     * it (its jar went to the cluster's blob store with the job), and every submit would otherwise leave ~100 MB.
     */
    public void deleteJar(String jarId) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("jars/" + jarId)).DELETE());
    }

    /** The job's status as Flink names it (RUNNING, FINISHED, FAILED, CANCELED, ...). */
    public String jobStatus(String jobId) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId)).GET(), "the Flink cluster at " + base
                + " has no job " + jobId + ": give the id `submit` printed (the cluster's web UI, " + base
                + ", lists its jobs; a session cluster forgets ended jobs after jobstore.expiration-time, 1 h)")
                .path("state").asText();
    }

    /** The job's state and how many of its tasks run, from {@code /jobs/<id>}. */
    public JobProgress progress(String jobId) throws IOException {
        JsonNode job = send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId)).GET());
        int tasks = 0;
        int running = 0;
        for (JsonNode vertex : job.path("vertices")) {
            tasks += vertex.path("parallelism").asInt();
            running += vertex.path("tasks").path("RUNNING").asInt() + vertex.path("tasks").path("FINISHED").asInt();
        }
        return new JobProgress(job.path("state").asText(), tasks, running);
    }

    /** A job's state and its tasks: how many there are, how many run (or finished). */
    public record JobProgress(String state, int tasks, int running) {
        /** Every task runs: its state is restored and it processes records. */
        public boolean allRunning() {
            return "RUNNING".equals(state) && tasks > 0 && running == tasks;
        }
    }

    /** The job's newest failure as {@link #summary} gives it (first line, innermost cause); empty if none. */
    public Optional<String> newestFailure(String jobId) throws IOException {
        JsonNode entries = send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "/exceptions")).GET())
                .path("exceptionHistory").path("entries");
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(summary(JSON.createArrayNode().add(entries.get(0).path("stacktrace").asText())));
    }

    /**
     * Stops the job with a savepoint in {@code directory}, or with null in the cluster's default savepoint directory
     * (sources stop first, so nothing runs past it).
     */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("drain", false);
        if (directory != null) {
            request.put("targetDirectory", directory); // else the cluster's execution.checkpointing.savepoint-dir
        }
        String trigger = send(post("jobs/" + jobId + "/stop", request)).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "/savepoints/" + trigger))
                    .GET());
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("the savepoint of job " + jobId + " failed, so the job was not stopped: "
                            + summary(JSON.createArrayNode()
                            .add(operation.path("failure-cause").path("stack-trace").asText())));
                }
                return operation.path("location").asText();
            }
            pause();
        }
        throw new IOException("the savepoint of job " + jobId + " did not complete within " + timeout.toSeconds()
                + " s; the cluster may still complete it and stop the job: see the JobManager's log, or give a longer "
                + "--timeout next time");
    }

    /** Cancels the job without a savepoint (its retained checkpoints stay). */
    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder post(String path, JsonNode body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        return send(request, null);
    }

    /** {@code notFound}: what a 404 means for this call (a job the cluster does not know), or null for Flink's text. */
    private JsonNode send(HttpRequest.Builder request, String notFound) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the Flink REST API at " + base, e);
        } catch (java.net.ConnectException | HttpConnectTimeoutException e) {
            throw new IOException("no Flink JobManager REST API at " + base + " (is the cluster running? "
                    + "deploy/flink-cluster.sh start prints its address)", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the Flink JobManager REST API at " + base + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            // e.g. "HTTP/1.1 header parser received no bytes": something listens there, but it does not speak HTTP
            throw new IOException(notTheRestApi("did not answer over HTTP (" + e.getMessage() + ")"), e);
        }
        if (response.statusCode() == 404 && notFound != null) {
            throw new IOException(notFound);
        }
        JsonNode json;
        try {
            String body = response.body();
            json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(notTheRestApi("answered " + response.statusCode() + " with something else than "
                    + "Flink's JSON"), e);
        }
        if (response.statusCode() >= 300) {
            throw new IOException("Flink REST API " + response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + summary(json.path("errors")));
        }
        return json;
    }

    private String notTheRestApi(String what) {
        return base + " " + what + ": is " + base.getAuthority() + " the JobManager's REST endpoint (rest.port, 8081 "
                + "by default; deploy/flink-cluster.sh start prints it as JOBMANAGER=), not its RPC port (6123)?";
    }

    /**
     * Each of Flink's error texts as its first line and, when it is a stack trace, its innermost cause: Flink wraps
     * the reason (a savepoint path that does not exist, a class missing from the jar) in a generic "Could not execute
     * application", and the cause is the last "Caused by:" line with the lines of its message that follow it (a spec
     * the JobManager refuses lists its problems there, one a line).
     */
    static String summary(JsonNode errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach(error -> {
            List<String> lines = error.asText().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                return;
            }
            text.append(text.length() == 0 ? "" : "; ").append(lines.get(0));
            String cause = innermostCause(lines);
            if (cause != null && !lines.get(0).contains(cause)) {
                text.append(" (caused by ").append(cause).append(')');
            }
        });
        return text.length() == 0 ? "(no error message)" : text.toString();
    }

    /** The last "Caused by:" line and its message's further lines, up to the first stack frame; null without one. */
    private static String innermostCause(List<String> lines) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            last = lines.get(i).startsWith(CAUSED_BY) ? i : last;
        }
        if (last < 0) {
            return null;
        }
        StringBuilder cause = new StringBuilder(lines.get(last).substring(CAUSED_BY.length()));
        for (int i = last + 1; i < lines.size() && !isStackFrame(lines.get(i)); i++) {
            cause.append("\n  ").append(lines.get(i));
        }
        return cause.toString();
    }

    private static boolean isStackFrame(String line) {
        return line.startsWith("at ") || line.startsWith("... ");
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a savepoint", e);
        }
    }
}
