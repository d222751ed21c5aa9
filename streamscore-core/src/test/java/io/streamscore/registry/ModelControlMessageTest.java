package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.ModelControlMessage.Type;
import org.junit.jupiter.api.Test;

class ModelControlMessageTest {
    private static final long ISSUED = ManifestFixtures.NOW.toEpochMilli();

    @Test
    void everyTypeSurvivesAJsonRoundTrip() {
        for (ModelControlMessage message : new ModelControlMessage[] {
                ModelControlMessage.issue(Type.REGISTER, "fraud", 3, null, null, null, ISSUED),
                ModelControlMessage.issue(Type.PROMOTE, "fraud", 3, null, null, "better auc", ISSUED),
                ModelControlMessage.issue(Type.ROLLBACK, "fraud", 2, null, null, "alert storm", ISSUED),
                ModelControlMessage.issue(Type.SET_CHALLENGER, "fraud", 4, ChallengerMode.CANARY, 0.1, "", ISSUED),
                ModelControlMessage.issue(Type.REMOVE_CHALLENGER, "fraud", 4, null, null, "", ISSUED)}) {
            assertThat(ModelControlMessage.fromJson(message.toJson())).isEqualTo(message);
        }
    }

    @Test
    void jsonCarriesTheTypeNameAndSnakeCaseKeys() {
        String json = ModelControlMessage.issue(Type.SET_CHALLENGER, "fraud", 4, ChallengerMode.SHADOW, 0.0, "",
                ISSUED).toJson();

        assertThat(json).contains("\"type\" : \"SET_CHALLENGER\"", "\"mode\" : \"shadow\"",
                "\"issued_at_millis\" : " + ISSUED);
    }

    @Test
    void issuedMessagesHaveDistinctIds() {
        assertThat(ModelControlMessage.issue(Type.PROMOTE, "fraud", 1, null, null, "", ISSUED).id())
                .isNotEqualTo(ModelControlMessage.issue(Type.PROMOTE, "fraud", 1, null, null, "", ISSUED).id());
    }

    @Test
    void unknownTypeIsNamedWithTheKnownTypes() {
        String json = """
                {"id": "m-1", "type": "DELETE", "model": "fraud", "version": 1, "issued_at_millis": 0}""";

        assertThatThrownBy(() -> ModelControlMessage.fromJson(json)).isInstanceOf(RegistryException.class)
                .hasMessage("control message: type: unknown type 'DELETE'; known types: REGISTER, PROMOTE, ROLLBACK, "
                        + "SET_CHALLENGER, REMOVE_CHALLENGER");
    }

    @Test
    void setChallengerWithoutAModeIsRefused() {
        String json = """
                {"id": "m-1", "type": "SET_CHALLENGER", "model": "fraud", "version": 2, "share": 0.1,
                 "issued_at_millis": 0}""";

        assertThatThrownBy(() -> ModelControlMessage.fromJson(json)).isInstanceOf(RegistryException.class)
                .hasMessage("control message: mode: required, shadow or canary");
    }

    @Test
    void canaryShareOfZeroIsRefusedAsAShareNotAsUnreadableJson() {
        String json = """
                {"id": "m-1", "type": "SET_CHALLENGER", "model": "fraud", "version": 2, "mode": "canary",
                 "share": 0, "issued_at_millis": 0}""";

        assertThatThrownBy(() -> ModelControlMessage.fromJson(json)).isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("control message: share: 0.0 is outside (0, 1]")
                .satisfies(e -> assertThat(CanaryShareException.causes(e)).isTrue());
        assertThat(CanaryShareException.causes(new RegistryException("control message: not valid JSON")))
                .isFalse();
    }

    @Test
    void modeOnAnyOtherTypeIsRefused() {
        assertThatThrownBy(() -> ModelControlMessage.issue(Type.PROMOTE, "fraud", 2, ChallengerMode.CANARY, 0.5, "",
                ISSUED)).hasMessage("mode, share: only SET_CHALLENGER carries them, not PROMOTE");
    }

    @Test
    void missingModelOrBrokenJsonIsRefused() {
        assertThatThrownBy(() -> ModelControlMessage.fromJson("""
                {"id": "m-1", "type": "PROMOTE", "version": 2, "issued_at_millis": 0}"""))
                .hasMessageStartingWith("control message: model: 'null' is not a valid model name");
        assertThatThrownBy(() -> ModelControlMessage.fromJson("{\"id\": "))
                .hasMessageStartingWith("control message: not valid JSON");
    }
}
