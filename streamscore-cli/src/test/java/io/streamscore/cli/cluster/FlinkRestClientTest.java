package io.streamscore.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Flink's REST errors as a user reads them: the first line and the innermost cause, not the whole trace. */
class FlinkRestClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWrappedFailureShowsItsInnermostCause() {
        String trace = """
                org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.
                \tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)
                Caused by: java.util.concurrent.CompletionException: org.apache.flink.util.FlinkRuntimeException: boom
                \tat java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:315)
                Caused by: java.io.FileNotFoundException: Cannot find checkpoint or savepoint file/directory \
                '/tmp/nope/savepoint-xyz' on file system 'file'.
                \tat org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(X.java:1)
                """;

        String summary = FlinkRestClient.summary(JSON.createArrayNode().add(trace));

        assertThat(summary).isEqualTo("org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute "
                + "application. (caused by java.io.FileNotFoundException: Cannot find checkpoint or savepoint "
                + "file/directory '/tmp/nope/savepoint-xyz' on file system 'file'.)");
    }

    @Test
    void aSpecTheJobManagerRefusesShowsEveryProblem() {
        String trace = """
                org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.
                \tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest(JarRunHandler.java:114)
                Caused by: org.apache.flink.client.program.ProgramInvocationException: \
                The main method caused an error: 2 problem(s) in the pipeline spec:
                  stores.redis.password: environment variable REDIS_PASSWORD is not set (fix: set REDIS_PASSWORD)
                  sources.t.schema: schema file 't.avsc' does not exist (fix: check the path)
                \t... 4 more
                Caused by: io.streamscore.spec.SpecValidationException: 2 problem(s) in the pipeline spec:
                  stores.redis.password: environment variable REDIS_PASSWORD is not set (fix: set REDIS_PASSWORD)
                  sources.t.schema: schema file 't.avsc' does not exist (fix: check the path)
                \t... 8 more
                """;

        String summary = FlinkRestClient.summary(JSON.createArrayNode().add(trace));

        assertThat(summary).isEqualTo("org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute "
                + "application. (caused by io.streamscore.spec.SpecValidationException: 2 problem(s) in the pipeline "
                + "spec:\n  stores.redis.password: environment variable REDIS_PASSWORD is not set (fix: set "
                + "REDIS_PASSWORD)\n  sources.t.schema: schema file 't.avsc' does not exist (fix: check the path))");
    }

    @Test
    void plainMessagesAreKeptAndJoined() {
        assertThat(FlinkRestClient.summary(JSON.createArrayNode().add("Job not found.").add("Try again.")))
                .isEqualTo("Job not found.; Try again.");
        assertThat(FlinkRestClient.summary(JSON.createArrayNode())).isEqualTo("(no error message)");
    }
}
