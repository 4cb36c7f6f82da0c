package org.imshss.slf.store;

/**
 * What the range cache holds under the first number of a range.
 *
 * @param to the last number of the range
 * @param target the HSS name
 */
public record RangeValue(String to, String target) {
}
