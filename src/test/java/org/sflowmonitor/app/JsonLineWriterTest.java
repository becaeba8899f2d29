package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

/**
 * The decode command's writer prints what Jackson's generator with its default settings prints
 * (the command's output before the writer replaced it), for the values the command writes.
 */
class JsonLineWriterTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    /** Writes a value with the command's writer. */
    private interface Ours {
        void write(JsonLineWriter ours) throws IOException;
    }

    @Test
    void signedNumbersPrintAsJacksonPrintsThem() throws IOException {
        List<Long> numbers = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, 2_147_483_647L, 2_147_483_648L,
                -2_147_483_648L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            numbers.addAll(List.of(power - 1, power, power + 1, -power));
        }
        Random random = new Random(18);
        for (int i = 0; i < 2000; i++) {
            numbers.add(random.nextLong() >> random.nextInt(64));
        }
        for (long n : numbers) {
            assertSame(ours -> ours.number(n), jackson -> jackson.writeNumber(n));
        }
    }

    @Test
    void unsignedNumbersPrintTheirSixtyFourBitsAsAPositiveNumber() throws IOException {
        Random random = new Random(18);
        List<Long> numbers = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, -10L, -9L));
        for (int i = 0; i < 2000; i++) {
            numbers.add(random.nextLong());
        }
        for (long n : numbers) {
            assertSame(ours -> ours.unsigned(n), jackson -> jackson.writeNumber(Long.toUnsignedString(n)));
        }
    }

    @Test
    void floatsPrintAsJacksonPrintsThemWithNanAndInfinitiesQuoted() throws IOException {
        Random random = new Random(18);
        List<Float> floats = new ArrayList<>(List.of(0f, -0f, 1f, 0.5f, 1.25f, 100f, 1e7f, 1.1754944e-38f,
                Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY));
        for (int i = 0; i < 2000; i++) {
            floats.add(Float.intBitsToFloat(random.nextInt()));
        }
        for (float f : floats) {
            assertSame(ours -> ours.number(f), jackson -> jackson.writeNumber(f));
        }
    }

    @Test
    void stringsEscapeAndEncodeAsJacksonDoes() throws IOException {
        List<String> strings = new ArrayList<>(List.of("", "vm-0001", "quote \" backslash \\ slash /",
                "\b\t\n\f\r\u0000\u0001\u001f\u007f", "é ü ß", "\u20ac \uffff \ufffd", "emoji \ud83d\ude00 end", "lone \ud800 and \udfff",
                "\u2028\u2029"));
        Random random = new Random(18);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                int kind = random.nextInt(4);
                int c = kind == 0 ? random.nextInt(0x20) : kind == 1 ? random.nextInt(0x80)
                        : kind == 2 ? random.nextInt(0x800) : random.nextInt(0x10000);
                s.append((char) c);
            }
            if (random.nextBoolean()) {
                s.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
            strings.add(s.toString());
        }
        for (String s : strings) {
            assertSame(ours -> ours.string(s), jackson -> jackson.writeString(s));
        }
    }

    @Test
    void aStringLongerThanTheBufferIsWrittenWhole() throws IOException {
        String s = "x\"".repeat(3000) + "é".repeat(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLineWriter ours = new JsonLineWriter(out, 1024);
        ours.string(s);
        ours.flush();

        assertEquals(jackson(g -> g.writeString(s)), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nestedObjectsArraysAndLinesGetTheirCommasAsJacksonWritesThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLineWriter ours = new JsonLineWriter(out, 1024);
        for (int line = 0; line < 2; line++) {
            ours.startObject();
            ours.field(JsonLineWriter.fieldName("a"));
            ours.number(1);
            ours.field(JsonLineWriter.fieldName("list"));
            ours.startArray();
            ours.startObject();
            ours.endObject();
            ours.startArray();
            ours.endArray();
            ours.nullValue();
            ours.string("s");
            ours.endArray();
            ours.field(JsonLineWriter.fieldName("b\n"));
            ours.startObject();
            ours.field(JsonLineWriter.fieldName("c"));
            ours.number(2.5f);
            ours.endObject();
            ours.endObject();
            ours.endLine();
        }
        ours.flush();

        String expected = jackson(g -> {
            g.writeStartObject();
            g.writeNumberField("a", 1);
            g.writeArrayFieldStart("list");
            g.writeStartObject();
            g.writeEndObject();
            g.writeStartArray();
            g.writeEndArray();
            g.writeNull();
            g.writeString("s");
            g.writeEndArray();
            g.writeObjectFieldStart("b\n");
            g.writeNumberField("c", 2.5f);
            g.writeEndObject();
            g.writeEndObject();
        }) + "\n";
        assertEquals(expected + expected, out.toString(StandardCharsets.UTF_8));
    }

    private interface Generation {
        void run(JsonGenerator generator) throws IOException;
    }

    private static String jackson(Generation generation) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
            generation.run(generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the value as the only item of an array, after another item, with both writers. */
    private static void assertSame(Ours value, Generation jacksonValue) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLineWriter ours = new JsonLineWriter(out, 1024);
        ours.startArray();
        ours.number(7);
        value.write(ours);
        ours.endArray();
        ours.flush();
        String expected = jackson(g -> {
            g.writeStartArray();
            g.writeNumber(7);
            jacksonValue.run(g);
            g.writeEndArray();
        });
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
