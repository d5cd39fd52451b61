/** Benchmarks of the agent's cost; run by {@code scripts/benchmarks}, never by {@code mvn verify}. */
package com.myparcel.auth.bench;
