package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code streamscore serve} refuses JSON values its input's datatype cannot hold, instead of scoring them as the
 * doubles they parse to: integers past an integer type's range, numbers past a floating-point type's largest value
 * (a JSON {@code 1e400} is read as infinity), and the NaN and Infinity literals, which are not JSON; a message about
 * JSON that is not standard does not tell the client to enable a feature of the server's parser.
 */
class InferenceInputRangeTest extends ServedRegistryTest {
    private static final String INFER = "/v2/models/fraud/infer";

    @ParameterizedTest
    @CsvSource({
        "INT8, -128, 127, 128, -128 to 127",
        "INT8, -128, 127, -129, -128 to 127",
        "UINT8, 0, 255, 256, 0 to 255",
        "UINT8, 0, 255, -1, 0 to 255",
        "INT16, -32768, 32767, 32768, -32768 to 32767",
        "UINT16, 0, 65535, 65536, 0 to 65535",
        "INT32, -2147483648, 2147483647, 2147483648, -2147483648 to 2147483647",
        "UINT32, 0, 4294967295, 4294967296, 0 to 4294967295",
        "UINT32, 0, 4294967295, -1, 0 to 4294967295",
        "INT64, -9223372036854775808, 9223372036854775807, 9223372036854775808, "
                + "-9223372036854775808 to 9223372036854775807",
        "UINT64, 0, 18446744073709551615, 18446744073709551616, 0 to 18446744073709551615",
        "UINT64, 0, 18446744073709551615, -1, 0 to 18446744073709551615",
    })
    void anIntegerPastItsDatatypesRangeIsRefusedNamingInputDatatypeAndValue(
            String datatype, String smallest, String largest, String outside, String range) throws Exception {
        assertThat(json(post(INFER, request(datatype, smallest + ", " + largest)), 200).at("/outputs/0/data"))
                .hasSize(1);

        assertThat(error(post(INFER, request(datatype, "7, " + outside)), 400)).isEqualTo("input 'features': element 1 "
                + "(row-major) is " + outside + ", out of the range of " + datatype + " (" + range + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "FP64, 1e400, '', ±1.7976931348623157E308",
        "FP64, -1e400, '', ±1.7976931348623157E308",
        "FP32, 1e39, '1.0E39, ', ±3.4028234663852886E38",
        "FP16, 65505, '65505, ', ±65504.0",
    })
    void aNumberPastItsFloatingPointDatatypesRangeIsRefused(String datatype, String outside, String shown,
                                                             String range) throws Exception {
        assertThat(error(post(INFER, request(datatype, "[1, 2], [" + outside + ", 4]")), 400)).isEqualTo(
                "input 'features': element 2 (row-major) is " + shown + "out of the range of " + datatype + " ("
                        + range + ")");
    }

    @ParameterizedTest
    @CsvSource({"FP64, 1.7976931348623157e308", "FP32, -3.4028234e38", "FP16, 65504"})
    void theLargestValueOfAFloatingPointDatatypeIsScored(String datatype, String largest) throws Exception {
        assertThat(json(post(INFER, request(datatype, "1, " + largest)), 200).at("/outputs/0/data")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nanAndInfinityLiteralsAreRefusedInPlainWords(String literal) throws Exception {
        String message = error(post(INFER, request("FP64", "1, " + literal)), 400);

        assertThat(message).startsWith("the request body is not valid JSON: '" + literal + "': NaN and Infinity are "
                + "not JSON numbers; send null for a missing value (line 1, column ");
        assertThat(message).doesNotContain("ALLOW_", "JsonReadFeature", "enable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", "/* a comment */ 1"})
    void jacksonsAdviceToEnableAParserFeatureIsLeftOut(String element) throws Exception {
        String message = error(post(INFER, request("FP64", element + ", 2")), 400);

        assertThat(message).startsWith("the request body is not valid JSON: Unexpected character")
                .contains("(line 1, column ");
        assertThat(message).doesNotContain("ALLOW_", "JsonReadFeature", "enable", "Feature");
    }

    private static String request(String datatype, String data) {
        return "{\"inputs\": [{\"name\": \"features\", \"shape\": [" + (data.startsWith("[") ? "2, " : "1, ")
                + "2], \"datatype\": \"" + datatype + "\", \"data\": [" + data + "]}]}";
    }
}
