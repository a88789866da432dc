package org.gridplatform.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed form of parameters: exact, little-endian, row-major, and strict about its length. */
class PackedParametersTest {

    @Test
    void writesLittleEndianFloat64RowAfterRowInStandardBase64() {
        // 0.1, -2.5, 3 as little-endian IEEE-754 doubles, as Python's base64.b64encode(struct.pack('<3d', ...)) writes them.
        assertThat(PackedParameters.encode(new double[][] {{0.1, -2.5, 3}})).isEqualTo("mpmZmZmZuT8AAAAAAAAEwAAAAAAAAAhA");
        assertThat(PackedParameters.encode(new double[][] {{1}, {2}})).isEqualTo("AAAAAAAA8D8AAAAAAAAAQA==");
        assertThat(PackedParameters.decode("AAAAAAAA8D8AAAAAAAAAQA==", 1, 2)).isDeepEqualTo(new double[][] {{1, 2}});
    }

    @Test
    void givesBackEveryDoubleBitForBit() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] parameters = new double[10][785];
        for (double[] row : parameters) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian() * 0.05;
            }
        }
        parameters[0][0] = -0.0;
        parameters[0][1] = Double.MIN_VALUE;
        parameters[0][2] = Double.MAX_VALUE;
        parameters[0][3] = -Double.MIN_NORMAL;

        double[][] back = PackedParameters.decode(PackedParameters.encode(parameters), 10, 785);

        for (int r = 0; r < parameters.length; r++) {
            for (int j = 0; j < parameters[r].length; j++) {
                assertThat(Double.doubleToRawLongBits(back[r][j])).isEqualTo(Double.doubleToRawLongBits(parameters[r][j]));
            }
        }
    }

    @Test
    void refusesAWrongLengthNamingTheCountTheShapeNeeds() {
        String two = PackedParameters.encode(new double[][] {{1, 2}});

        assertThatThrownBy(() -> PackedParameters.decode(two, 3, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packed-parameters holds 16 bytes; 3 rows of 5 need 15 numbers, 120 bytes as little-endian float64"
                        + " (8 bytes a number, row after row)");
        // Bytes that are not a whole number of doubles.
        assertThatThrownBy(() -> PackedParameters.decode("AAAA", 1, 1))
                .hasMessage("packed-parameters holds 3 bytes; 1 rows of 1 need 1 numbers, 8 bytes as little-endian float64"
                        + " (8 bytes a number, row after row)");
    }

    @Test
    void refusesWhatIsNotStandardBase64() {
        assertThatThrownBy(() -> PackedParameters.decode("AAAAAAAA8D8-", 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("packed-parameters is not base64 with the standard alphabet (A-Z a-z 0-9 + /, padded"
                        + " with =, no line breaks): ");
        assertThatThrownBy(() -> PackedParameters.decode("AAAAAAAA\n8D8=", 1, 1))
                .hasMessageStartingWith("packed-parameters is not base64");
    }

    @Test
    void carriesNotFiniteNumbersAsTheyAreForTheReaderToCheck() {
        double[][] odd = {{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}};

        double[][] back = PackedParameters.decode(PackedParameters.encode(odd), 1, 3);

        assertThat(PackedParameters.encode(new double[][] {{Double.NaN}})).isEqualTo("AAAAAAAA+H8=");
        assertThat(back[0][0]).isNaN();
        assertThat(back[0][1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(back[0][2]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void anEmptyMatrixIsTheEmptyString() {
        assertThat(PackedParameters.encode(new double[0][])).isEmpty();
        assertThat(PackedParameters.encode(new double[][] {{}, {}})).isEmpty();
        assertThat(PackedParameters.decode("", 0, 5)).isEmpty();
        assertThat(PackedParameters.decode("", 2, 0)).isDeepEqualTo(new double[][] {{}, {}});
        assertThatThrownBy(() -> PackedParameters.decode("", 3, 5)).hasMessageStartingWith("packed-parameters holds 0 bytes;"
                + " 3 rows of 5 need 15 numbers");
    }

    @Test
    void encodesOnlyARectangularMatrix() {
        assertThatThrownBy(() -> PackedParameters.encode(new double[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Row 1 of the parameters has 1 numbers but row 0 has 2: packed parameters are a rectangular matrix");
        assertThatThrownBy(() -> PackedParameters.encode(new double[][] {{1}, null}))
                .hasMessage("Row 1 of the parameters is null");
    }
}
