package com.myparcel.auth.bench.footprint;

import java.util.SortedSet;

/** A footprint application's state at one moment: what it reported, its loaded classes, its live heap. */
record FootprintSnapshot(long heapUsed, long metaspaceUsed, SortedSet<String> threads, ClassLoadLog classes,
        ClassHistogram histogram) {
}
