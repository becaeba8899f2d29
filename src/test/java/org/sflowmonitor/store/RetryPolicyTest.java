package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void dataExceptionsAndConstraintViolationsAreNotRetried() {
        assertTrue(RetryPolicy.isDataError(new SQLException("too long", "22001")));
        assertTrue(RetryPolicy.isDataError(new SQLException("duplicate", "23505")));
    }

    @Test
    void otherFaultsAndFaultsWithoutStateAreRetried() {
        assertFalse(RetryPolicy.isDataError(new SQLException("unreachable", "08001")));
        assertFalse(RetryPolicy.isDataError(new SQLException("locked", "HYT00")));
        assertFalse(RetryPolicy.isDataError(new SQLException("no state")));
    }

    @Test
    void pausesDoubleUpToTheirBoundAndStartShortAgainAfterASuccess() {
        RetryPolicy retry = new RetryPolicy();
        assertEquals(RetryPolicy.FIRST_PAUSE_MILLIS, retry.nextPause());
        assertEquals(2 * RetryPolicy.FIRST_PAUSE_MILLIS, retry.nextPause());
        for (int i = 0; i < 20; i++) {
            retry.nextPause();
        }
        assertEquals(RetryPolicy.MAX_PAUSE_MILLIS, retry.nextPause());
        retry.succeeded();
        assertEquals(RetryPolicy.FIRST_PAUSE_MILLIS, retry.nextPause());
    }

    @Test
    void aFaultIsDescribedWithItsState() {
        assertEquals("unreachable (SQLState 08001)", RetryPolicy.describe(new SQLException("unreachable", "08001")));
    }
}
