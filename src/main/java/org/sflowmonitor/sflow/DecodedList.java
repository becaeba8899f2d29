package org.sflowmonitor.sflow;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The list type the decoder fills while reading a count-prefixed array. It is unmodifiable
 * from outside the package and never appended to once handed to a record, so the records'
 * constructors keep it as is instead of copying it ({@link #immutable}).
 */
final class DecodedList<E> extends AbstractList<E> implements RandomAccess {

    private final Object[] elements;
    private int size;

    /** @param capacity at most the count read from the wire, already checked against the bytes present */
    DecodedList(int capacity) {
        elements = new Object[capacity];
    }

    void append(E element) {
        elements[size++] = element;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return (E) elements[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** The list itself when the decoder built it, otherwise an immutable copy (which rejects nulls). */
    static <E> List<E> immutable(List<E> list) {
        return list instanceof DecodedList<E> ? list : List.copyOf(list);
    }
}
