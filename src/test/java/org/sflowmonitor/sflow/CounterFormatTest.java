package org.sflowmonitor.sflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of known counter record formats. */
class CounterFormatTest {

    @ParameterizedTest
    @EnumSource(CounterFormat.class)
    void eachFormatDecodesItsFixedPartOfZerosToARecordOfItsOwnNumber(CounterFormat format) {
        XdrReader zeros = new XdrReader(ByteBuffer.allocate(format.fixedSize));

        CounterRecord record = format.decoder.decode(zeros, format.fixedSize);

        assertEquals(format.number, record.format());
        assertEquals(0, zeros.remaining());
    }

    @ParameterizedTest
    @EnumSource(CounterFormat.class)
    void eachFormatIsFoundByItsNumberAndNamedByItsName(CounterFormat format) {
        assertEquals(format, CounterFormat.of(format.number));
        assertEquals(format.recordName, RecordNames.counterRecordName(format.number));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3, 1006, 2200, 4096, Integer.MAX_VALUE})
    void aNumberWithoutAFormatIsNotFoundAndNamedUnknown(int number) {
        assertNull(CounterFormat.of(number));
        assertEquals("unknown", RecordNames.counterRecordName(number));
    }
}
